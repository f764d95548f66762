package fr.carnet.web.rest;

import fr.carnet.shared.ErrorCode;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a request body that cannot hold an acceptable document before reading it: base64 inflates
 * content by a third, and the metadata is small.
 */
@Provider
public class RequestSizeFilter implements ContainerRequestFilter {

  private static final long METADATA_ALLOWANCE = 1024 * 1024;

  @Inject
  @ConfigProperty(name = "carnet.documents.max-bytes", defaultValue = "20971520")
  private long maxBytes;

  @Override
  public void filter(ContainerRequestContext request) {
    if (request.getUriInfo().getPath().startsWith("v1/enrolments")) {
      // An enrolment file goes to disk as it arrives, not to memory: millions of lines are fine.
      return;
    }
    long limit = maxBytes / 3 * 4 + METADATA_ALLOWANCE;
    if (request.getLength() > limit) {
      request.abortWith(
          Problems.of(
              ErrorCode.DOCUMENT_TOO_LARGE, "The request body exceeds " + limit + " bytes"));
    }
  }
}

package fr.carnet.web.rest;

import fr.carnet.shared.ErrorCode;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The errors JAX-RS raises itself (unknown path, wrong method, unreadable body, role missing),
 * turned into problems with stable codes instead of the runtime's own pages.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

  @Context private SecurityContext security;

  @Override
  public Response toResponse(WebApplicationException exception) {
    int status = exception.getResponse().getStatus();
    return switch (status) {
      case 400 ->
          UnexpectedExceptionMapper.isMalformedJson(exception)
              ? Problems.of(ErrorCode.MALFORMED_JSON, "The request body is not valid JSON")
              : UnexpectedExceptionMapper.isMalformedMultipart(exception)
                  ? Problems.of(ErrorCode.MULTIPART_INVALID, "The multipart body cannot be read")
                  : Problems.of(ErrorCode.VALIDATION_FAILED, "The request cannot be read");
      case 401 -> Problems.of(ErrorCode.UNAUTHENTICATED, "A valid bearer token is required");
      case 403 -> forbidden(exception);
      case 404 -> Problems.of(ErrorCode.NOT_FOUND, "No such resource");
      case 405 -> Problems.of(ErrorCode.METHOD_NOT_ALLOWED, "Method not allowed on this resource");
      case 406 ->
          Problems.of(ErrorCode.NOT_ACCEPTABLE, "This resource answers application/json only");
      case 415 ->
          Problems.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json");
      default ->
          status >= 500
              ? Problems.of(ErrorCode.INTERNAL_ERROR, "Internal error")
              : Problems.of(ErrorCode.VALIDATION_FAILED, "The request cannot be processed");
    };
  }

  // A refusal raised before any caller was established means "unauthenticated", not "forbidden".
  // (The coarse role check, RoleCheckFeature, answers both itself.)
  private Response forbidden(WebApplicationException exception) {
    if (exception instanceof ForbiddenException && security.getUserPrincipal() == null) {
      return Problems.of(ErrorCode.UNAUTHENTICATED, "A valid bearer token is required");
    }
    return Problems.of(ErrorCode.FORBIDDEN, "This action is not allowed for the caller");
  }
}

package fr.carnet.record.interfaces.fhir;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.server.IResourceProvider;
import fr.carnet.record.application.ContentHandle;
import fr.carnet.record.application.DocumentService;
import fr.carnet.record.interfaces.rest.ResourceIds;
import fr.carnet.security.Actor;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;

/**
 * A document's content as the Binary ITI-65's response points to ({@code Binary/{document}}),
 * decided and traced as a content read by {@link DocumentService#openContent}. HAPI answers the raw
 * bytes in the document's type to a caller that does not ask for FHIR ({@code Accept:
 * application/fhir+json} or {@code _format}), the Binary resource otherwise. The bytes are bounded
 * by what a push may carry ({@code carnet.documents.max-bytes}).
 */
public class BinaryProvider implements IResourceProvider {

  private final DocumentService documents;
  private final Supplier<Actor> actor;

  public BinaryProvider(DocumentService documents, Supplier<Actor> actor) {
    this.documents = documents;
    this.actor = actor;
  }

  @Override
  public Class<? extends IBaseResource> getResourceType() {
    return Binary.class;
  }

  @Read
  public Binary read(@IdParam IdType id) {
    ContentHandle content = documents.openContent(actor.get(), ResourceIds.uuid(id.getIdPart()));
    if (content.referenceUrl() != null) {
      // Held elsewhere: the DocumentReference's attachment.url says where; no Binary here.
      throw new CarnetException(
          ErrorCode.NOT_FOUND, "This document is held elsewhere: see its attachment.url");
    }
    ByteArrayOutputStream bytes =
        new ByteArrayOutputStream(content.size() == null ? 8192 : content.size().intValue());
    try {
      content.writeTo(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Binary binary = new Binary();
    binary.setId(id.getIdPart());
    binary.setContentType(content.contentType());
    binary.setSecurityContext(new Reference("DocumentReference/" + id.getIdPart()));
    binary.setData(bytes.toByteArray());
    return binary;
  }
}

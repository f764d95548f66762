package fr.carnet.record.interfaces.rest;

import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * A push sent as {@code multipart/form-data}: a part {@code metadata}, the JSON of a push without
 * its content, and a part {@code content}, the document's bytes as they are. Each part exactly
 * once, and nothing else: a client that sent two contents must not have one of them filed.
 */
final class MultipartPush {

  static final String METADATA = "metadata";
  static final String CONTENT = "content";

  private static final Jsonb JSON = JsonbBuilder.create();

  private final EntityPart metadata;
  private final EntityPart content;

  private MultipartPush(EntityPart metadata, EntityPart content) {
    this.metadata = metadata;
    this.content = content;
  }

  static MultipartPush of(List<EntityPart> parts) {
    EntityPart metadata = null;
    EntityPart content = null;
    for (EntityPart part : parts == null ? List.<EntityPart>of() : parts) {
      String name = part.getName() == null ? "" : part.getName();
      switch (name) {
        case METADATA -> {
          if (metadata != null) {
            throw invalid("the part metadata is given twice");
          }
          metadata = part;
        }
        case CONTENT -> {
          if (content != null) {
            throw invalid("the part content is given twice");
          }
          content = part;
        }
        default -> throw invalid("a part other than metadata and content");
      }
    }
    if (metadata == null || content == null) {
      throw invalid(
          metadata == null ? "the part metadata is missing" : "the part content is missing");
    }
    return new MultipartPush(metadata, content);
  }

  /**
   * The metadata, checked by the same constraints as a JSON push; its content type, when it names
   * none, is the content part's own.
   */
  PublishDocumentRequest request(Validator validator) throws IOException {
    PublishDocumentRequest request;
    try (InputStream json = metadata.getContent()) {
      request = JSON.fromJson(json, PublishDocumentRequest.class);
    } catch (JsonbException e) {
      throw new CarnetException(ErrorCode.MALFORMED_JSON, "The part metadata is not valid JSON");
    }
    if (request == null) {
      throw new CarnetException(ErrorCode.MALFORMED_JSON, "The part metadata is not valid JSON");
    }
    Set<ConstraintViolation<PublishDocumentRequest>> violations = validator.validate(request);
    if (!violations.isEmpty()) {
      ConstraintViolation<?> first =
          violations.stream()
              .min(Comparator.comparing(v -> v.getPropertyPath().toString()))
              .orElseThrow();
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED,
          "metadata." + first.getPropertyPath() + ": " + first.getMessage());
    }
    if (request.content != null || request.reference != null) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED, "The bytes go in the part content, nowhere else");
    }
    MediaType declared = content.getMediaType();
    if (request.contentType == null
        && declared != null
        && !declared.isCompatible(MediaType.APPLICATION_OCTET_STREAM_TYPE)) {
      request.contentType = declared.getType() + "/" + declared.getSubtype();
    }
    return request;
  }

  /** The bytes, read once, as they come. */
  InputStream content() {
    return content.getContent();
  }

  private static CarnetException invalid(String detail) {
    return new CarnetException(ErrorCode.MULTIPART_INVALID, detail);
  }
}

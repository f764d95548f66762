package fr.carnet.record.interfaces.rest;

import fr.carnet.record.application.PublishCommand;
import fr.carnet.record.model.Base64Content;
import fr.carnet.record.model.DocumentContent;
import fr.carnet.record.model.DocumentQuery;
import fr.carnet.record.model.ExternalReference;
import fr.carnet.reference.model.DocumentType;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

/** From the wire shapes of documents to the service's commands and queries, and back. */
public final class DocumentMapping {

  private static final int MAX_UNIQUE_ID = 256;
  private static final int MAX_TITLE = 500;

  private DocumentMapping() {}

  /** The sizes every interface refuses alike. */
  public static void checkSizes(String uniqueId, String title) {
    if (uniqueId == null || uniqueId.isBlank() || title == null || title.isBlank()) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED, "a unique id and a title are required");
    }
    if (uniqueId.length() > MAX_UNIQUE_ID || title.length() > MAX_TITLE) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED, "uniqueId is at most 256 characters, title at most 500");
    }
  }

  /** A JSON push: its content decoded and bounded in one pass (no pattern runs over the text). */
  static PublishCommand command(PublishDocumentRequest request, long maxBytes) {
    return command(
        request, request.content == null ? null : Base64Content.decode(request.content, maxBytes));
  }

  /** A push whose content came apart from its metadata (a multipart upload), or none. */
  static PublishCommand command(PublishDocumentRequest request, DocumentContent content) {
    checkSizes(request.uniqueId, request.title);
    return new PublishCommand(
        request.uniqueId,
        request.patient == null ? null : IdentityMapping.ins(request.patient.ins),
        request.patient == null ? null : IdentityMapping.traits(request.patient.traits),
        request.type == null ? null : new DocumentType(request.type.system, request.type.code),
        request.title,
        instant("authoredAt", request.authoredAt),
        request.contentType,
        content,
        request.reference == null
            ? null
            : new ExternalReference(request.reference.url, request.reference.studyUid),
        Boolean.TRUE.equals(request.withheldFromPatient),
        Boolean.TRUE.equals(request.hiddenFromRepresentatives));
  }

  /** An ISO-8601 instant with its offset, or a date (midnight UTC); null stays null. */
  public static Instant instant(String field, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return text.length() == 10
          ? LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC)
          : OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED, field + " must be an ISO-8601 date or date-time");
    }
  }

  /** An opaque, URL-safe cursor for the next page. */
  public static String cursor(DocumentQuery.Position position) {
    String plain = position.authoredAt() + "|" + position.id();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  public static DocumentQuery.Position position(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return null;
    }
    try {
      String[] parts =
          new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
      return new DocumentQuery.Position(Instant.parse(parts[0]), UUID.fromString(parts[1]));
    } catch (RuntimeException e) {
      throw new CarnetException(ErrorCode.CURSOR_INVALID);
    }
  }

  /** "system|code" as a type. */
  static DocumentType type(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    int bar = text.lastIndexOf('|');
    if (bar <= 0 || bar == text.length() - 1) {
      throw new CarnetException(ErrorCode.VALIDATION_FAILED, "type must be system|code");
    }
    return new DocumentType(text.substring(0, bar), text.substring(bar + 1));
  }
}

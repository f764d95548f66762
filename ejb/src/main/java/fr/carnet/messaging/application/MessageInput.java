package fr.carnet.messaging.application;

import fr.carnet.messaging.application.MessagingService.AttachmentIn;
import fr.carnet.messaging.model.Conversations;
import fr.carnet.record.model.ContentFormat;
import fr.carnet.record.model.DocumentContent;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A message's input checked before anything is decided or stored: subject, body and attachments
 * (the documents' formats and size limit). Bad input is a 4xx and nothing of it is kept.
 */
@ApplicationScoped
public class MessageInput {

  /** The most characters a message's body holds (V33 checks it too). */
  public static final int MAX_BODY_CHARS = 20_000;

  static final int MAX_ATTACHMENTS = 5;

  @Inject
  @ConfigProperty(name = "carnet.documents.max-bytes", defaultValue = "20971520")
  private long maxBytes;

  /** The most bytes an attachment has: a document's (a proxy's field would not say it). */
  public long maxBytes() {
    return maxBytes;
  }

  public String subject(String subject) {
    if (subject == null
        || subject.isBlank()
        || subject.length() > 200
        || subject.chars().anyMatch(Character::isISOControl)) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED, "subject: 1 to 200 characters, no control character");
    }
    return subject.strip();
  }

  public String body(String body) {
    // NUL never reaches PostgreSQL (a text cannot hold it: it was a 500); line breaks are words.
    if (body == null
        || body.isBlank()
        || body.length() > MAX_BODY_CHARS
        || body.indexOf('\u0000') >= 0) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED, "body: 1 to " + MAX_BODY_CHARS + " characters, no NUL");
    }
    return body;
  }

  /** The same formats and limits as documents: a declared type its bytes bear out, bounded. */
  public List<Conversations.NewAttachment> attachments(List<AttachmentIn> attachments) {
    List<AttachmentIn> given = attachments == null ? List.of() : attachments;
    if (given.size() > MAX_ATTACHMENTS) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED, "at most " + MAX_ATTACHMENTS + " attachments");
    }
    List<Conversations.NewAttachment> checked = new ArrayList<>();
    for (AttachmentIn a : given) {
      if (a == null
          || a.bytes() == null
          || a.fileName() == null
          || a.fileName().isBlank()
          || a.fileName().length() > 200
          || a.fileName().chars().anyMatch(Character::isISOControl)) {
        throw new CarnetException(
            ErrorCode.VALIDATION_FAILED, "attachments: fileName (1 to 200) and content");
      }
      checked.add(attachment(a));
    }
    return checked;
  }

  /** One attachment, its file name already checked. */
  public Conversations.NewAttachment attachment(AttachmentIn a) {
    if (a.bytes().length > maxBytes) {
      throw new CarnetException(
          ErrorCode.DOCUMENT_TOO_LARGE, "An attachment exceeds " + maxBytes + " bytes");
    }
    DocumentContent content = DocumentContent.of(a.bytes());
    ContentFormat format =
        ContentFormat.ofMediaType(a.contentType())
            .filter(f -> f.accepts(content))
            .orElseThrow(
                () ->
                    new CarnetException(
                        ErrorCode.UNSUPPORTED_CONTENT,
                        "An attachment is not of an accepted format, or not what it says"));
    return new Conversations.NewAttachment(
        UUID.randomUUID(),
        a.fileName().strip(),
        format.mediaType(),
        content.size(),
        content.hash(),
        a.bytes());
  }
}

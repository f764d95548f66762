package fr.carnet.access;

import fr.carnet.record.model.DocumentStatus;
import java.util.List;
import java.util.Objects;

/**
 * What the policy needs to know when the patient side writes to a pharmacy (issue 21: "send a
 * prescription to a pharmacy they have already been to"), beside the record's {@link AccessFacts}.
 * Carnet holds no dispensing data: "been to" rests on what the record holds of that FINESS, each
 * contact as found, and the policy alone says which ones count.
 *
 * @param organisationBlocked whether the patient blocked that FINESS
 * @param contacts what the record holds from professionals acting for that FINESS: documents they
 *     filed, messages they wrote (a bounded, distinct sample: enough to decide)
 * @param prescription what the message carries as its prescription
 */
public record PharmacyFacts(
    boolean organisationBlocked, List<Contact> contacts, Prescription prescription) {

  public PharmacyFacts {
    contacts = List.copyOf(Objects.requireNonNull(contacts, "contacts"));
    Objects.requireNonNull(prescription, "prescription");
  }

  /** Where a contact with the FINESS was found. */
  public enum Source {
    DOCUMENT,
    MESSAGE
  }

  /**
   * One trace of the FINESS in the record: a document filed or a message written by a professional
   * acting for it.
   *
   * @param authorProfession the RPPS profession code of who filed or wrote it (null if unknown)
   * @param status a document's status ({@link DocumentStatus#CURRENT} for a message)
   * @param withheldFromPatient a document withheld from the patient until explained
   * @param hiddenFromRepresentatives a document or conversation kept from a minor's representatives
   */
  public record Contact(
      Source source,
      String authorProfession,
      DocumentStatus status,
      boolean withheldFromPatient,
      boolean hiddenFromRepresentatives) {

    public Contact {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(status, "status");
    }

    /** A message a professional of the FINESS wrote to the record. */
    public static Contact message(String authorProfession, boolean hiddenFromRepresentatives) {
      return new Contact(
          Source.MESSAGE,
          authorProfession,
          DocumentStatus.CURRENT,
          false,
          hiddenFromRepresentatives);
    }
  }

  /**
   * The prescription a message to a pharmacy carries: a document of the record named by id (copied
   * as the attachment), or attachments of its own.
   *
   * @param attached whether the message carries attachments of its own
   * @param referenced whether the message names a document of the record
   * @param document the named document's facts, null if the record holds no such document
   * @param contentHeld whether Carnet holds the named document's content (an external reference's
   *     data is elsewhere: nothing to copy)
   */
  public record Prescription(
      boolean attached, boolean referenced, DocumentFacts document, boolean contentHeld) {

    /** Nothing: no attachment, no document named. */
    public static final Prescription NONE = new Prescription(false, false, null, false);

    /** Attachments the patient joins. */
    public static final Prescription ATTACHED = new Prescription(true, false, null, false);

    /** A document of the record, named by id; null facts if the record holds no such document. */
    public static Prescription document(DocumentFacts document, boolean contentHeld) {
      return new Prescription(false, true, document, contentHeld);
    }
  }
}

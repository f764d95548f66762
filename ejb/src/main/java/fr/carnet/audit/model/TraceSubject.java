package fr.carnet.audit.model;

import java.util.UUID;

/**
 * What one trace is about, as far as who may read it goes: the one document (or, for the profile's
 * actions, the one profile entry) it concerns, and whether that is withheld from the patient or
 * kept secret from the representatives. A search, a grant or an account event concerns none.
 *
 * <p>The id is written to the trace's {@code document_id} column; the flags are not stored with the
 * trace but read from the document or entry when the history is shown, so that a document released
 * to the patient appears in their history with everything that happened to it. Only a refusal that
 * filed nothing ({@code asked}: a refused push, version or profile entry) keeps the flags it asked
 * for, in its detail, since no document or entry will ever tell them: a refused secret stays as
 * secret as a filed one.
 *
 * @param id the document's or entry's id; null when the trace concerns no single one, or when none
 *     was filed
 * @param withheldFromPatient withheld from the patient until its author releases it
 * @param hiddenFromRepresentatives a minor's secret, never shown to their representatives
 * @param asked the flags are those a refused request asked for, kept in the trace's detail
 */
public record TraceSubject(
    UUID id, boolean withheldFromPatient, boolean hiddenFromRepresentatives, boolean asked) {

  /** A trace about nothing in particular: a search, a grant, an account event. */
  public static final TraceSubject NONE = new TraceSubject(null, false, false, false);

  static final String WITHHELD_MARK = "withheldFromPatient";
  static final String SECRET_MARK = "hiddenFromRepresentatives";

  /**
   * The same subject, hidden from representatives also when {@code hidden}: every trace of a
   * professional who touched a minor's secret is part of the secret.
   */
  public TraceSubject orHiddenFromRepresentatives(boolean hidden) {
    return hidden && !hiddenFromRepresentatives
        ? new TraceSubject(id, withheldFromPatient, true, asked)
        : this;
  }

  /** A document or entry filed, with its flags as they stand. */
  public static TraceSubject of(UUID id, boolean withheld, boolean hidden) {
    return new TraceSubject(id, withheld, hidden, false);
  }

  /** What a refused push or entry would have been: no id, the flags it asked for. */
  public static TraceSubject unfiled(boolean withheld, boolean hidden) {
    return new TraceSubject(null, withheld, hidden, true);
  }

  /** A refused version of the document {@code id}: the flags the version asked for. */
  public static TraceSubject refusedVersion(UUID id, boolean withheld, boolean hidden) {
    return new TraceSubject(id, withheld, hidden, true);
  }

  /** Whether it is kept from anyone of the patient's side (the patient, or a representative). */
  public boolean secretFromPatientSide() {
    return withheldFromPatient || hiddenFromRepresentatives;
  }

  /**
   * The trace's detail as written: for a refusal that filed nothing, the flags it asked for follow
   * the detail (";withheldFromPatient;hiddenFromRepresentatives").
   */
  public String markDetail(String detail) {
    if (!asked || !secretFromPatientSide()) {
      return detail;
    }
    StringBuilder marked = new StringBuilder(detail == null ? "" : detail);
    if (withheldFromPatient) {
      marked.append(';').append(WITHHELD_MARK);
    }
    if (hiddenFromRepresentatives) {
      marked.append(';').append(SECRET_MARK);
    }
    return marked.toString();
  }

  /** The flags a detail carries, as {@link #markDetail} wrote them. */
  public static TraceSubject fromDetail(UUID id, String detail) {
    if (detail == null) {
      return new TraceSubject(id, false, false, false);
    }
    boolean withheld = false;
    boolean hidden = false;
    String[] parts = detail.split(";");
    for (int i = 1; i < parts.length; i++) {
      withheld |= WITHHELD_MARK.equals(parts[i]);
      hidden |= SECRET_MARK.equals(parts[i]);
    }
    return new TraceSubject(id, withheld, hidden, withheld || hidden);
  }
}

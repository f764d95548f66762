package fr.carnet.access;

/**
 * What a caller may see of a record's documents, as the policy decided it, in a form a query can
 * apply: only one author's documents, and whether those withheld from the patient are hidden.
 */
public record Visibility(Decision decision, String onlyAuthorRpps, boolean hideWithheld) {

  static Visibility refused(Decision decision) {
    return new Visibility(decision, null, true);
  }
}

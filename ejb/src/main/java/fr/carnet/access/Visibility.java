package fr.carnet.access;

import java.util.Set;

/**
 * What a caller may see of a record's documents, as the policy decided it, in a form one query can
 * apply.
 *
 * @param decision the record-level decision; nothing is visible when it refuses
 * @param readableClasses the classes visible, or null for every class
 * @param honourMasks whether documents masked by the patient are hidden
 * @param authorRpps documents by this author are visible whatever their class or mask
 * @param hideWithheld whether documents withheld from the patient are hidden
 * @param hideFromRepresentatives whether a minor's secrets are hidden
 * @param maskedClasses classes whose every document is hidden as a masked one is (when {@code
 *     honourMasks}), but the author's own
 */
public record Visibility(
    Decision decision,
    Set<String> readableClasses,
    boolean honourMasks,
    String authorRpps,
    boolean hideWithheld,
    boolean hideFromRepresentatives,
    Set<String> maskedClasses) {

  public Visibility {
    maskedClasses = maskedClasses == null ? Set.of() : Set.copyOf(maskedClasses);
  }

  static Visibility refused(Decision decision) {
    return new Visibility(decision, Set.of(), true, null, true, true, Set.of());
  }

  /** Whether the documents of this class are hidden as masked ones are. */
  public boolean classMasked(String classCode) {
    return honourMasks && maskedClasses.contains(classCode);
  }

  /** Whether a document of this class may be shown, before masks and flags. */
  public boolean classVisible(String classCode) {
    return readableClasses == null || readableClasses.contains(classCode);
  }
}

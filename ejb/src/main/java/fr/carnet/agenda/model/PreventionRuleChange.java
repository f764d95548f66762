package fr.carnet.agenda.model;

import java.time.Instant;
import java.util.UUID;

/**
 * One change an administrator made to a rule of the prevention calendar (V39): the rule before
 * (none for an addition) and after, who and when. Appended in the change's transaction, never
 * rewritten.
 */
public record PreventionRuleChange(
    UUID id,
    String code,
    Kind kind,
    PreventionRule before,
    PreventionRule after,
    String changedBy,
    Instant changedAt) {

  /** What the change was. */
  public enum Kind {
    ADDED,
    CHANGED,
    RETIRED,
    RESTORED
  }
}

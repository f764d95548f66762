package fr.carnet.agenda.model;

import java.util.List;
import java.util.Optional;

/** The prevention calendar's history of changes (V39), on the caller's transaction. */
public interface PreventionRuleChanges {

  /**
   * The rule as it stands, its row locked to the end of the transaction: the change that follows,
   * and its history row, are the only ones made to it meanwhile.
   */
  Optional<PreventionRule> lockedRule(String code);

  /** Appends one change. */
  void append(PreventionRuleChange change);

  /** The rule's changes, newest first, at most {@code limit}. */
  List<PreventionRuleChange> of(String code, int limit);
}

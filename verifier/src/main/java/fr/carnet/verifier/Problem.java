package fr.carnet.verifier;

/** What can be wrong; the same names as the service's own check, plus the exports' own. */
public enum Problem {
  /**
   * A heads-file line that cannot be read, whose signature or key id is wrong, or a size witnessed
   * with two roots; also an export's head whose signature does not verify.
   */
  WITNESS_INVALID,
  /**
   * A consistency proof between successive heads that is missing or does not verify, or a size that
   * shrank: the tree was not only appended to.
   */
  WITNESS_INCONSISTENT,
  /** A trace that no longer encodes to its leaf: it was changed. */
  LEAF_ALTERED,
  /** A leaf whose trace is gone (and not purged by retention): it was deleted. */
  TRACE_MISSING,
  /** A position with no leaf at all, up to the size the witness signed. */
  POSITION_MISSING,
  /**
   * The root rebuilt from the export's leaves (or an export's signed head) is not the one witnessed
   * at that size.
   */
  HEAD_CONTRADICTED,
  /** A trace whose time is older than a head witnessed before its leaf was appended. */
  BACKDATED,
  /** A purged position that no head older than the retention covered. */
  PURGE_TOO_RECENT,
  /** A history entry whose proof fails, or whose shown fields differ from its proof's entry. */
  ENTRY_NOT_PROVEN,
  /** An export's signed head that is not in the heads file. */
  HEAD_NOT_WITNESSED,
  /** An export that is neither a history export nor a trail export, or a line of it unreadable. */
  EXPORT_UNREADABLE
}

package fr.carnet.staff.model;

import java.util.Optional;

/** Where console accounts are kept. */
public interface StaffAccountRepository {

  long count();

  Optional<StaffAccount> findByUsername(String username);

  /** Every console account, by name. */
  java.util.List<StaffAccount> all();

  /**
   * Every console account, locked until the transaction ends: two administrators demoting each
   * other at once then count the administrators one after the other.
   */
  java.util.List<StaffAccount> allLocked();

  void store(StaffAccount account);

  /** Keeps a change to an account in its history: who, when, what. */
  void recordChange(String changedBy, String username, String change, java.time.Instant at);

  /**
   * Whether {@code changedBy} ever created the console account {@code username}, or changed its
   * password, roles or standing: then they may hold its password.
   */
  boolean shapedBy(String username, String changedBy);

  /** The history of changes to console accounts, newest first. */
  java.util.List<StaffChange> changes(int limit);
}

package fr.carnet.agenda.model;

import fr.carnet.shared.IdentityRead;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The prevention calendar, the patients' switches and the reminders sent, on the caller's
 * transaction.
 */
public interface PreventionCalendar {

  /** Every rule, retired ones included, by code. */
  List<PreventionRule> rules();

  Optional<PreventionRule> rule(String code);

  /** Adds the rule; false if its code exists. */
  boolean add(PreventionRule rule, String by, Instant at);

  /** Changes the rule (not its code); false if there is none. */
  boolean change(PreventionRule rule, String by, Instant at);

  /** Retires the rule (or restores it, {@code at} null); false if there is none. */
  boolean retire(String code, Instant retiredAt, String by, Instant at);

  /** The rules the record's patient switched off. */
  Set<String> switchedOff(UUID recordId);

  /** The switched-off rules of each of these records. */
  Map<UUID, Set<String>> switchedOff(Collection<UUID> recordIds);

  void switchOff(UUID recordId, String code, Instant at);

  void switchOn(UUID recordId, String code);

  /**
   * For each rule that reminded the record, the civil day (Europe/Paris) the last of its reminders
   * was sent.
   */
  Map<String, LocalDate> lastSent(UUID recordId);

  /** The reminders sent to the record, newest first. */
  List<SentReminder> sent(UUID recordId, int limit);

  /**
   * Records that the reminder of this period is sent; false if it already was (by this run, another
   * run or another instance): the caller then sends nothing.
   */
  boolean markSent(UUID recordId, String code, LocalDate dueOn, Instant at);

  /**
   * Claims at most {@code limit} open records last looked at before {@code lookedBefore} (or
   * never), skipping those another instance holds, marks them looked at, and returns them with
   * their birth date and sex.
   */
  @IdentityRead
  List<Person> claim(Instant lookedBefore, Instant now, int limit);

  /** A reminder sent. */
  record SentReminder(String code, LocalDate dueOn, Instant sentAt) {}

  /** A person the job looks at: only what the rules need. */
  record Person(UUID recordId, LocalDate birthDate, String sex) {}
}

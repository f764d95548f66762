package fr.carnet.agenda.application;

import fr.carnet.access.AppointmentFacts;
import fr.carnet.access.Decision;
import fr.carnet.access.application.AccessGate;
import fr.carnet.access.application.AccessService;
import fr.carnet.agenda.model.PreventionCalendar;
import fr.carnet.agenda.model.PreventionRule;
import fr.carnet.audit.model.TraceAction;
import fr.carnet.notification.application.Notifications;
import fr.carnet.record.model.RecordState;
import fr.carnet.security.Actor;
import fr.carnet.security.Role;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Prevention reminders (issue 21): the patient side lists them and switches one off or on per rule;
 * the reminder job claims a batch per transaction and sends what is due to each person in a
 * transaction of their own, once per period whatever the number of runs and instances (the key of
 * {@code prevention_reminder}).
 */
@Stateless
public class ReminderService {

  /** Carnet itself, when the job sends a reminder: shown as "Carnet" in the person's history. */
  public static final Actor REMINDER_JOB = Actor.staff("system:reminders", Role.ADMIN);

  private static final ZoneId CIVIL_TIME = ZoneId.of("Europe/Paris");
  private static final int SENT_LISTED = 100;

  @Inject private PreventionCalendar calendar;
  @Inject private AccessGate gate;
  @Inject private AccessService access;
  @Inject private Notifications notifications;
  @Inject private Clock clock;

  /** How late a reminder is still sent after the first day of its period (policy: configurable). */
  @Inject
  @ConfigProperty(name = "carnet.agenda.reminder-lateness", defaultValue = "P365D")
  private Duration lateness;

  /** A rule as the patient sees it, with whether they switched it off. */
  public record RuleView(PreventionRule rule, boolean switchedOff) {}

  /** The calendar's current rules and the reminders already sent to the record. */
  public record Reminders(List<RuleView> rules, List<PreventionCalendar.SentReminder> sent) {}

  public Reminders reminders(Actor actor, UUID recordId) {
    gate.enter(
        actor,
        recordId,
        TraceAction.AGENDA_READ,
        "reminders",
        ErrorCode.FORBIDDEN,
        (policy, record) -> policy.mayReadAgenda(actor, record));
    Set<String> off = calendar.switchedOff(recordId);
    List<RuleView> rules =
        calendar.rules().stream()
            .filter(rule -> !rule.retired())
            .map(rule -> new RuleView(rule, off.contains(rule.code())))
            .toList();
    return new Reminders(rules, calendar.sent(recordId, SENT_LISTED));
  }

  /** Switches the rule's reminders off (or on again) for the record. */
  public RuleView switchReminder(Actor actor, UUID recordId, String code, boolean enabled) {
    PreventionRule rule =
        Optional.ofNullable(code)
            .flatMap(calendar::rule)
            .filter(r -> !r.retired())
            .orElseThrow(() -> new CarnetException(ErrorCode.PREVENTION_RULE_NOT_FOUND));
    gate.enter(
        actor,
        recordId,
        TraceAction.REMINDER_SWITCH,
        code + (enabled ? " on" : " off"),
        ErrorCode.FORBIDDEN,
        (policy, record) -> policy.mayWriteAgenda(actor, record, AppointmentFacts.NEW));
    if (enabled) {
      calendar.switchOn(recordId, code);
    } else {
      calendar.switchOff(recordId, code, clock.instant());
    }
    return new RuleView(rule, !enabled);
  }

  /**
   * One batch of the job, in its own transaction: claims up to {@code batch} open records that no
   * run looked at since {@code lookedBefore} (other instances skip them). The claim commits at
   * once, so that each person's reminders are then sent in a transaction of their own ({@link
   * #sendTo}).
   */
  public List<PreventionCalendar.Person> claim(Instant lookedBefore, int batch) {
    // The claim reads open records' birth dates and sexes for reminders: the policy says whether
    // Carnet reminds an open record at all (each reminder is then decided again, switch included).
    if (!access.policy().mayRemind(RecordState.OPEN, false).permitted()) {
      return List.of();
    }
    return calendar.claim(lookedBefore, clock.instant(), batch);
  }

  /**
   * Sends one person's reminders due today that were not sent for their period, traced under the
   * record, in a transaction of its own: one person's failure rolls back their reminders only,
   * never the batch's. Returns how many it sent.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int sendTo(PreventionCalendar.Person person) {
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, CIVIL_TIME);
    Set<String> off = calendar.switchedOff(person.recordId());
    // The last reminder of each rule: none again within the rule's interval, whatever a change of
    // the calendar did to its periods.
    Map<String, LocalDate> last = calendar.lastSent(person.recordId());
    int sent = 0;
    for (PreventionRule rule : calendar.rules()) {
      if (rule.retired()) {
        continue;
      }
      Optional<LocalDate> due =
          rule.toSend(
              person.birthDate(), person.sex(), today, lateness.toDays(), last.get(rule.code()));
      if (due.isEmpty()) {
        continue;
      }
      // Claimed records are open; the policy still decides, on the switch too.
      Decision decision = access.policy().mayRemind(RecordState.OPEN, off.contains(rule.code()));
      if (!decision.permitted()
          || !calendar.markSent(person.recordId(), rule.code(), due.get(), now)) {
        continue;
      }
      notifications.preventionReminder(person.recordId(), rule.code());
      gate.pass(
          REMINDER_JOB,
          TraceAction.REMINDER_SENT,
          person.recordId(),
          decision,
          rule.code() + " " + due.get());
      sent++;
    }
    return sent;
  }

  /** Half the job's interval: a record another instance looked at lately is skipped. */
  public static Instant lookedBefore(Instant now, Duration interval) {
    return now.minus(interval.dividedBy(2));
  }
}

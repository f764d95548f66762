package fr.carnet.agenda.application;

import fr.carnet.access.AccountAction;
import fr.carnet.access.application.AccessGate;
import fr.carnet.agenda.model.PreventionCalendar;
import fr.carnet.agenda.model.PreventionRule;
import fr.carnet.agenda.model.PreventionRuleChange;
import fr.carnet.agenda.model.PreventionRuleChanges;
import fr.carnet.audit.model.TraceAction;
import fr.carnet.security.Actor;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The national prevention calendar, kept by administrators (reference data, as the matrix): each
 * read and change a staff action, decided by the policy and traced through the gate. Each change
 * appends the rule before and after to its history (V39) in its own transaction, which
 * administrators and auditors read.
 */
@Stateless
public class PreventionCalendarService {

  /** The most changes of one rule one page of its history lists. */
  public static final int MAX_CHANGES = 100;

  private static final Pattern CODE = Pattern.compile("[A-Z0-9_]{2,32}");

  @Inject private PreventionCalendar calendar;
  @Inject private PreventionRuleChanges history;
  @Inject private AccessGate gate;
  @Inject private Clock clock;

  /** What a rule is given as: checked here, before anything is stored. */
  public record RuleInput(
      String code, String label, String sex, Integer minAge, Integer maxAge, String every) {

    PreventionRule checked() {
      try {
        return PreventionRule.checked(code, label, sex, minAge, maxAge, every);
      } catch (IllegalArgumentException e) {
        throw new CarnetException(ErrorCode.VALIDATION_FAILED, e.getMessage());
      }
    }
  }

  public List<PreventionRule> rules(Actor actor) {
    gate.admit(
        actor, AccountAction.READ_MATRIX, TraceAction.PREVENTION_CALENDAR_READ, "prevention");
    return calendar.rules();
  }

  /** The rule's changes, newest first: who changed what, before and after. */
  public List<PreventionRuleChange> changes(Actor actor, String code, int limit) {
    if (limit < 1 || limit > MAX_CHANGES) {
      throw new CarnetException(ErrorCode.VALIDATION_FAILED, "limit: 1 to " + MAX_CHANGES);
    }
    // A code that cannot be one goes no further than its shape; the trace then names none.
    boolean wellFormed = code != null && CODE.matcher(code).matches();
    gate.admit(
        actor,
        AccountAction.READ_PREVENTION_HISTORY,
        TraceAction.PREVENTION_CALENDAR_READ,
        "changes " + (wellFormed ? code : "?"));
    if (!wellFormed || calendar.rule(code).isEmpty()) {
      throw new CarnetException(ErrorCode.PREVENTION_RULE_NOT_FOUND);
    }
    return history.of(code, limit);
  }

  public PreventionRule add(Actor actor, RuleInput input) {
    PreventionRule rule = input.checked();
    gate.admit(
        actor,
        AccountAction.EDIT_REFERENCE,
        TraceAction.PREVENTION_CALENDAR_CHANGE,
        "added " + rule.code());
    Instant now = clock.instant();
    if (!calendar.add(rule, actor.subject(), now)) {
      throw new CarnetException(ErrorCode.PREVENTION_RULE_EXISTS);
    }
    history.append(
        new PreventionRuleChange(
            UUID.randomUUID(),
            rule.code(),
            PreventionRuleChange.Kind.ADDED,
            null,
            rule,
            actor.subject(),
            now));
    return rule;
  }

  /**
   * Changes a rule's label, sex, ages or interval. A reminder already sent is not sent again within
   * the rule's interval, whatever moves the periods ({@link PreventionRule#toSend}).
   */
  public PreventionRule change(Actor actor, RuleInput input) {
    PreventionRule rule = input.checked();
    gate.admit(
        actor,
        AccountAction.EDIT_REFERENCE,
        TraceAction.PREVENTION_CALENDAR_CHANGE,
        "changed " + rule.code());
    return changed(
        actor,
        rule.code(),
        PreventionRuleChange.Kind.CHANGED,
        (by, at) -> calendar.change(rule, by, at));
  }

  /** Retires a rule (it reminds nobody from now on), or restores it. */
  public PreventionRule retire(Actor actor, String code, boolean retired) {
    gate.admit(
        actor,
        AccountAction.EDIT_REFERENCE,
        TraceAction.PREVENTION_CALENDAR_CHANGE,
        (retired ? "retired " : "restored ") + code);
    return changed(
        actor,
        code,
        retired ? PreventionRuleChange.Kind.RETIRED : PreventionRuleChange.Kind.RESTORED,
        (by, at) -> calendar.retire(code, retired ? at : null, by, at));
  }

  /** One change of a rule: true if the rule was there. */
  @FunctionalInterface
  private interface Change {
    boolean apply(String by, Instant at);
  }

  /** The rule before (locked), the change, the rule after, and the history's row, together. */
  private PreventionRule changed(
      Actor actor, String code, PreventionRuleChange.Kind kind, Change change) {
    PreventionRule before =
        (code == null ? java.util.Optional.<PreventionRule>empty() : history.lockedRule(code))
            .orElseThrow(() -> new CarnetException(ErrorCode.PREVENTION_RULE_NOT_FOUND));
    Instant now = clock.instant();
    if (!change.apply(actor.subject(), now)) {
      throw new CarnetException(ErrorCode.PREVENTION_RULE_NOT_FOUND);
    }
    PreventionRule after = calendar.rule(code).orElseThrow();
    history.append(
        new PreventionRuleChange(
            UUID.randomUUID(), code, kind, before, after, actor.subject(), now));
    return after;
  }
}

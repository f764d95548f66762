package fr.carnet.agenda.application;

import fr.carnet.access.AccountAction;
import fr.carnet.access.application.AccessGate;
import fr.carnet.agenda.model.PreventionCalendar;
import fr.carnet.agenda.model.PreventionRule;
import fr.carnet.audit.model.TraceAction;
import fr.carnet.security.Actor;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The national prevention calendar, kept by administrators (reference data, as the matrix): each
 * read and change a staff action, decided by the policy and traced through the gate.
 */
@Stateless
public class PreventionCalendarService {

  @Inject private PreventionCalendar calendar;
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

  public PreventionRule add(Actor actor, RuleInput input) {
    PreventionRule rule = input.checked();
    gate.admit(
        actor,
        AccountAction.EDIT_REFERENCE,
        TraceAction.PREVENTION_CALENDAR_CHANGE,
        "added " + rule.code());
    if (!calendar.add(rule, actor.subject(), clock.instant())) {
      throw new CarnetException(ErrorCode.PREVENTION_RULE_EXISTS);
    }
    return rule;
  }

  /** Changes a rule's label, sex, ages or interval; periods already reminded stay reminded. */
  public PreventionRule change(Actor actor, RuleInput input) {
    PreventionRule rule = input.checked();
    gate.admit(
        actor,
        AccountAction.EDIT_REFERENCE,
        TraceAction.PREVENTION_CALENDAR_CHANGE,
        "changed " + rule.code());
    if (!calendar.change(rule, actor.subject(), clock.instant())) {
      throw new CarnetException(ErrorCode.PREVENTION_RULE_NOT_FOUND);
    }
    return calendar.rule(rule.code()).orElseThrow();
  }

  /** Retires a rule (it reminds nobody from now on), or restores it. */
  public PreventionRule retire(Actor actor, String code, boolean retired) {
    gate.admit(
        actor,
        AccountAction.EDIT_REFERENCE,
        TraceAction.PREVENTION_CALENDAR_CHANGE,
        (retired ? "retired " : "restored ") + code);
    Instant now = clock.instant();
    if (!calendar.retire(code, retired ? now : null, actor.subject(), now)) {
      throw new CarnetException(ErrorCode.PREVENTION_RULE_NOT_FOUND);
    }
    return calendar.rule(code).orElseThrow();
  }
}

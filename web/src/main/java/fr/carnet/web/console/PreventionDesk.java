package fr.carnet.web.console;

import fr.carnet.agenda.application.PreventionCalendarService;
import fr.carnet.agenda.model.PreventionRule;
import fr.carnet.security.Actor;
import fr.carnet.security.Role;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Period;
import java.util.List;
import java.util.Map;

/**
 * The administrators' page of the national prevention calendar (issue 21, item 4): the rules that
 * remind people of screenings and vaccines, a rule added, changed (label, sex, ages, interval) or
 * retired and restored. Translates only: {@link PreventionCalendarService} validates, decides and
 * traces; periods already reminded stay reminded.
 */
@Named("preventionDesk")
@ViewScoped
public class PreventionDesk implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final Map<String, String> SEXES =
      Map.of("F", "Femmes", "M", "Hommes", "ANY", "Tous");

  private static final Map<ErrorCode, String> REFUSALS =
      Map.ofEntries(
          Map.entry(ErrorCode.PREVENTION_RULE_EXISTS, "Le calendrier a déjà une règle de ce code."),
          Map.entry(ErrorCode.PREVENTION_RULE_NOT_FOUND, "Règle introuvable."),
          Map.entry(ErrorCode.FORBIDDEN, "Réservé aux administrateurs."),
          Map.entry(
              ErrorCode.VALIDATION_FAILED,
              "Saisie invalide : code de 2 à 32 majuscules, chiffres ou _ ; libellé de 1 à 200"
                  + " caractères ; âges de 0 à 120 ; intervalle ISO 8601 en mois ou années (P2Y)."));

  @EJB private PreventionCalendarService calendar;
  @Inject private ConsoleUser user;

  private boolean refused;

  private List<PreventionRule> rules = List.of();
  private final RuleForm added = new RuleForm();
  private final RuleForm edited = new RuleForm();
  private String editing;

  /** The fields of a rule as typed; the service checks them. */
  public static final class RuleForm implements Serializable {
    private static final long serialVersionUID = 1L;
    private String code;
    private String label;
    private String sex = "ANY";
    private Integer minAge;
    private Integer maxAge;
    private String every;

    PreventionCalendarService.RuleInput input() {
      return new PreventionCalendarService.RuleInput(
          code == null ? null : code.strip(), label, sex, minAge, maxAge, strip(every));
    }

    void fill(PreventionRule rule) {
      code = rule.code();
      label = rule.label();
      sex = rule.sex();
      minAge = rule.minAge();
      maxAge = rule.maxAge();
      every = rule.every().toString();
    }

    void clear() {
      code = null;
      label = null;
      sex = "ANY";
      minAge = null;
      maxAge = null;
      every = null;
    }

    private static String strip(String text) {
      return text == null ? null : text.strip();
    }

    public String getCode() {
      return code;
    }

    public void setCode(String code) {
      this.code = code;
    }

    public String getLabel() {
      return label;
    }

    public void setLabel(String label) {
      this.label = label;
    }

    public String getSex() {
      return sex;
    }

    public void setSex(String sex) {
      this.sex = sex;
    }

    public Integer getMinAge() {
      return minAge;
    }

    public void setMinAge(Integer minAge) {
      this.minAge = minAge;
    }

    public Integer getMaxAge() {
      return maxAge;
    }

    public void setMaxAge(Integer maxAge) {
      this.maxAge = maxAge;
    }

    public String getEvery() {
      return every;
    }

    public void setEvery(String every) {
      this.every = every;
    }
  }

  private Actor actor() {
    return user.actor(Role.ADMIN);
  }

  @PostConstruct
  void load() {
    refused = false;
    try {
      rules = calendar.rules(actor());
    } catch (CarnetException e) {
      rules = List.of();
      // Said by the page itself: a message added here, while the page renders, would come after
      // the messages were written.
      refused = true;
    }
  }

  public void add() {
    if (act(() -> calendar.add(actor(), added.input()), "Règle ajoutée au calendrier.")) {
      added.clear();
    }
  }

  /** The rule shown in the change form, as it stands. */
  public void edit(String code) {
    rules.stream()
        .filter(rule -> rule.code().equals(code))
        .findFirst()
        .ifPresent(
            rule -> {
              edited.fill(rule);
              editing = code;
            });
  }

  /** The rule being changed keeps its code: the form's code is the one chosen, never typed. */
  public void change() {
    if (editing == null) {
      return;
    }
    edited.setCode(editing);
    if (act(() -> calendar.change(actor(), edited.input()), "Règle modifiée.")) {
      editing = null;
      edited.clear();
    }
  }

  public void cancel() {
    editing = null;
    edited.clear();
  }

  public void retire(String code) {
    act(
        () -> calendar.retire(actor(), code, true),
        "Règle retirée : elle ne rappelle plus personne.");
  }

  public void restore(String code) {
    act(() -> calendar.retire(actor(), code, false), "Règle rétablie.");
  }

  private boolean act(Runnable action, String done) {
    boolean acted = DeskMessages.attempt(action, REFUSALS);
    if (acted) {
      DeskMessages.say(FacesMessage.SEVERITY_INFO, done);
    }
    load();
    return acted;
  }

  // ---- What the page shows --------------------------------------------------------------------

  /** Whether the services refused this member the page (not an administrator). */
  public boolean isRefused() {
    return refused;
  }

  public String sex(PreventionRule rule) {
    return SEXES.getOrDefault(rule.sex(), rule.sex());
  }

  /** An interval in words: years, else months. */
  public String every(PreventionRule rule) {
    Period every = rule.every();
    long months = every.toTotalMonths();
    return months % 12 == 0 ? "tous les " + months / 12 + " an(s)" : "tous les " + months + " mois";
  }

  public List<PreventionRule> getRules() {
    return rules;
  }

  public RuleForm getAdded() {
    return added;
  }

  public RuleForm getEdited() {
    return edited;
  }

  public String getEditing() {
    return editing;
  }
}

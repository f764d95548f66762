package fr.carnet.web.console;

import fr.carnet.reference.application.PolicyService;
import fr.carnet.reference.model.DurationChange;
import fr.carnet.reference.model.DurationSetting;
import fr.carnet.reference.model.TypeMapping;
import fr.carnet.reference.model.TypeMappingChange;
import fr.carnet.security.Actor;
import fr.carnet.security.Role;
import fr.carnet.shared.CarnetException;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The administrators' screen of the rest of the policy: which class each document type falls in
 * (and new types), and the durations of the rule book, each with its history. Saving applies what
 * changed; the service decides, validates and traces.
 */
@Named("policyDesk")
@ViewScoped
public class PolicyDesk implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm", Locale.FRANCE);

  @EJB private PolicyService policy;
  @Inject private ConsoleUser user;

  private List<TypeMapping> types = List.of();
  private List<String> classes = List.of();
  private final Map<String, String> typeClasses = new HashMap<>();
  private List<DurationSetting> durations = List.of();
  private final Map<String, String> durationValues = new HashMap<>();
  private List<TypeMappingChange> typeChanges = List.of();
  private List<DurationChange> durationChanges = List.of();
  private String newSystem = "http://loinc.org";
  private String newCode;
  private String newClass;

  private Actor actor() {
    return user.actor(Role.ADMIN);
  }

  @PostConstruct
  void load() {
    typeClasses.clear();
    durationValues.clear();
    try {
      types = policy.types(actor());
      TreeSet<String> known = new TreeSet<>();
      for (TypeMapping type : types) {
        typeClasses.put(key(type), type.classCode());
        known.add(type.classCode());
      }
      classes = List.copyOf(known);
      durations = policy.durations(actor());
      durations.forEach(d -> durationValues.put(d.duration().name(), d.value()));
      typeChanges = policy.typeChanges(actor());
      durationChanges = policy.durationChanges(actor());
    } catch (CarnetException e) {
      message(FacesMessage.SEVERITY_ERROR, "Réservé aux administrateurs.");
    }
  }

  public String key(TypeMapping type) {
    return type.system() + "|" + type.code();
  }

  public void saveTypes() {
    int changed = 0;
    try {
      for (TypeMapping type : types) {
        String chosen = typeClasses.get(key(type));
        if (chosen != null && !chosen.equals(type.classCode())) {
          policy.mapType(actor(), type.system(), type.code(), chosen);
          changed++;
        }
      }
      message(FacesMessage.SEVERITY_INFO, changed + " type(s) reclassé(s).");
    } catch (CarnetException e) {
      message(FacesMessage.SEVERITY_ERROR, "Modification refusée (" + e.getMessage() + ").");
    }
    load();
  }

  public void addType() {
    try {
      policy.mapType(actor(), strip(newSystem), strip(newCode), newClass);
      message(FacesMessage.SEVERITY_INFO, "Type " + newCode + " ajouté en " + newClass + ".");
      newCode = null;
    } catch (CarnetException e) {
      message(FacesMessage.SEVERITY_ERROR, "Type refusé (" + e.getMessage() + ").");
    }
    load();
  }

  public void saveDurations() {
    int changed = 0;
    for (DurationSetting setting : durations) {
      String value = durationValues.get(setting.duration().name());
      if (value != null && !value.strip().equalsIgnoreCase(setting.value())) {
        try {
          policy.setDuration(actor(), setting.duration(), value);
          changed++;
        } catch (CarnetException e) {
          message(
              FacesMessage.SEVERITY_ERROR,
              setting.duration().label() + " : valeur refusée (" + e.getMessage() + ").");
        }
      }
    }
    message(FacesMessage.SEVERITY_INFO, changed + " durée(s) modifiée(s).");
    load();
  }

  private static String strip(String text) {
    return text == null ? null : text.strip();
  }

  private static void message(FacesMessage.Severity severity, String text) {
    FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, null));
  }

  public String when(Instant instant) {
    return instant == null ? "" : WHEN.format(instant.atZone(ZoneId.of("Europe/Paris")));
  }

  public List<TypeMapping> getTypes() {
    return types;
  }

  public List<String> getClasses() {
    return classes;
  }

  public Map<String, String> getTypeClasses() {
    return typeClasses;
  }

  public List<DurationSetting> getDurations() {
    return durations;
  }

  public Map<String, String> getDurationValues() {
    return durationValues;
  }

  public List<TypeMappingChange> getTypeChanges() {
    return typeChanges;
  }

  public List<DurationChange> getDurationChanges() {
    return durationChanges;
  }

  public String getNewSystem() {
    return newSystem;
  }

  public void setNewSystem(String newSystem) {
    this.newSystem = newSystem;
  }

  public String getNewCode() {
    return newCode;
  }

  public void setNewCode(String newCode) {
    this.newCode = newCode;
  }

  public String getNewClass() {
    return newClass;
  }

  public void setNewClass(String newClass) {
    this.newClass = newClass;
  }
}

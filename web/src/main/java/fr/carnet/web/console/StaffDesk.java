package fr.carnet.web.console;

import fr.carnet.security.Actor;
import fr.carnet.security.Role;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import fr.carnet.staff.application.StaffAccountService;
import fr.carnet.staff.application.StaffAccountService.StaffMember;
import fr.carnet.staff.model.StaffChange;
import fr.carnet.web.security.ConsoleSessions;
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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The administrators' screen of console accounts: create one, disable or enable it, reset its
 * password, change its roles; the history of those changes below. The service decides and traces.
 */
@Named("staffDesk")
@ViewScoped
public class StaffDesk implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm", Locale.FRANCE);
  private static final Map<ErrorCode, String> REFUSALS =
      Map.of(
          ErrorCode.FORBIDDEN, "Réservé aux administrateurs.",
          ErrorCode.STAFF_ACCOUNT_EXISTS, "Ce nom de compte existe déjà.",
          ErrorCode.STAFF_ACCOUNT_NOT_FOUND, "Compte introuvable.",
          ErrorCode.LAST_ADMIN, "Il doit rester au moins un administrateur actif.",
          ErrorCode.VALIDATION_FAILED,
              "Nom : 3 à 64 caractères (a-z, 0-9, . _ -) ; mot de passe : 12 caractères au moins ;"
                  + " un rôle au moins.");

  @EJB private StaffAccountService staff;
  @Inject private ConsoleUser user;
  @Inject private ConsoleSessions sessions;

  private List<StaffMember> members = List.of();
  private List<StaffChange> changes = List.of();
  private String newUsername;
  private String newPassword;
  private List<String> newRoles = new ArrayList<>();
  private String selected;
  private String password;
  private List<String> roles = new ArrayList<>();

  private Actor actor() {
    return user.actor(Role.ADMIN);
  }

  @PostConstruct
  void load() {
    run(
        () -> {
          members = staff.list(actor());
          changes = staff.changes(actor());
        });
  }

  public void create() {
    if (act(
        () -> staff.create(actor(), newUsername, newPassword, roles(newRoles)),
        "Compte " + newUsername + " créé.")) {
      newUsername = null;
      newRoles = new ArrayList<>();
    }
    newPassword = null;
  }

  /** Chooses the account the forms below act on, its roles ticked as they are. */
  public void select(String username) {
    selected = username;
    password = null;
    roles =
        members.stream()
            .filter(member -> member.username().equals(username))
            .findFirst()
            .map(member -> member.roles().stream().map(Role::group).sorted().toList())
            .map(ArrayList::new)
            .orElseGet(ArrayList::new);
  }

  public void disable() {
    act(() -> staff.setEnabled(actor(), selected, false), "Compte " + selected + " désactivé.");
  }

  public void enable() {
    act(() -> staff.setEnabled(actor(), selected, true), "Compte " + selected + " réactivé.");
  }

  public void resetPassword() {
    act(
        () -> staff.resetPassword(actor(), selected, password),
        "Mot de passe de " + selected + " réinitialisé : à lui transmettre hors de la console.");
    password = null;
  }

  public void changeRoles() {
    act(
        () -> staff.setRoles(actor(), selected, roles(roles)),
        "Rôles de " + selected + " modifiés.");
  }

  private boolean act(Runnable action, String done) {
    boolean ok = run(action);
    if (ok) {
      if (selected != null) {
        sessions.forget(selected);
      }
      message(FacesMessage.SEVERITY_INFO, done);
    }
    load();
    return ok;
  }

  private boolean run(Runnable action) {
    try {
      action.run();
      return true;
    } catch (CarnetException e) {
      message(
          FacesMessage.SEVERITY_ERROR,
          REFUSALS.getOrDefault(e.code(), "Refusé (" + e.code().name() + ")."));
      return false;
    }
  }

  private static Set<Role> roles(List<String> groups) {
    return groups == null
        ? Set.of()
        : groups.stream()
            .map(Role::ofGroup)
            .flatMap(java.util.Optional::stream)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
  }

  private static void message(FacesMessage.Severity severity, String text) {
    FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, null));
  }

  public String when(Instant instant) {
    return instant == null ? "" : WHEN.format(instant.atZone(ZoneId.of("Europe/Paris")));
  }

  public String roleWords(StaffMember member) {
    return member.roles().stream().map(Role::group).sorted().collect(Collectors.joining(", "));
  }

  public List<StaffMember> getMembers() {
    return members;
  }

  public List<StaffChange> getChanges() {
    return changes;
  }

  public String getNewUsername() {
    return newUsername;
  }

  public void setNewUsername(String newUsername) {
    this.newUsername = newUsername;
  }

  public String getNewPassword() {
    return newPassword;
  }

  public void setNewPassword(String newPassword) {
    this.newPassword = newPassword;
  }

  public List<String> getNewRoles() {
    return newRoles;
  }

  public void setNewRoles(List<String> newRoles) {
    this.newRoles = newRoles;
  }

  public String getSelected() {
    return selected;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public List<String> getRoles() {
    return roles;
  }

  public void setRoles(List<String> roles) {
    this.roles = roles;
  }
}

package fr.carnet.staff.application;

import fr.carnet.access.AccountAction;
import fr.carnet.access.Decision;
import fr.carnet.access.application.AccessGate;
import fr.carnet.access.application.AccessService;
import fr.carnet.audit.model.TraceAction;
import fr.carnet.audit.model.TraceSubject;
import fr.carnet.security.Actor;
import fr.carnet.security.Role;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import fr.carnet.staff.model.StaffAccount;
import fr.carnet.staff.model.StaffAccountRepository;
import fr.carnet.staff.model.StaffChange;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Console accounts: checking a password at login and a session's standing at each request; created,
 * disabled, given roles or a new password by administrators, each change traced and kept in the
 * accounts' history.
 */
@Stateless
public class StaffAccountService {

  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");
  private static final int HISTORY_SIZE = 200;

  @Inject private StaffAccountRepository accounts;
  @Inject private StaffPasswords passwords;
  @Inject private AccessService access;
  @Inject private AccessGate gate;
  @Inject private Clock clock;

  @Inject
  @ConfigProperty(name = "carnet.console.password.min-length", defaultValue = "12")
  private int minimumLength;

  /**
   * The roles of an enabled account whose password matches, or nothing. An unknown name costs the
   * same hash as a known one, so that timing does not tell which names exist.
   */
  public Optional<Set<Role>> verify(String username, char[] password) {
    Optional<StaffAccount> account =
        accounts.findByUsername(username).filter(StaffAccount::enabled);
    boolean matches =
        passwords.verify(password, account.map(StaffAccount::passwordHash).orElse(null));
    if (account.isEmpty() || !matches) {
      return Optional.empty();
    }
    return Optional.of(
        account.get().roles().stream()
            .map(Role::ofGroup)
            .flatMap(Optional::stream)
            .collect(Collectors.toUnmodifiableSet()));
  }

  /** A new console account, by an administrator; traced with the new account's name. */
  public void create(Actor actor, String username, String password, Set<Role> roles) {
    Decision decision = access.policy().decide(actor, AccountAction.MANAGE_STAFF);
    gate.pass(
        actor,
        TraceAction.STAFF_CREATE,
        null,
        TraceSubject.NONE,
        decision,
        username,
        ErrorCode.FORBIDDEN);
    if (username == null || !USERNAME.matcher(username).matches()) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED, "username: 3 to 64 of a-z, 0-9, dot, dash, underscore");
    }
    requirePassword(password);
    requireRoles(roles);
    if (accounts.findByUsername(username).isPresent()) {
      throw new CarnetException(ErrorCode.STAFF_ACCOUNT_EXISTS);
    }
    accounts.store(new StaffAccount(username, passwords.hash(password), roles, clock.instant()));
    accounts.recordChange(actor.subject(), username, "créé : " + words(roles), clock.instant());
  }

  /** Every console account, for an administrator; the reading is traced. */
  public List<StaffMember> list(Actor actor) {
    require(actor, TraceAction.STAFF_LIST, null);
    return accounts.all().stream().map(StaffMember::of).toList();
  }

  /** The history of changes to console accounts, newest first, for an administrator. */
  public List<StaffChange> changes(Actor actor) {
    require(actor, TraceAction.STAFF_LIST, "changes");
    return accounts.changes(HISTORY_SIZE);
  }

  /** Disables or enables an account; a disabled member's open session ends at its next request. */
  public StaffMember setEnabled(Actor actor, String username, boolean enabled) {
    StaffAccount account =
        change(
            actor, username, (enabled ? "enabled" : "disabled"), enabled ? "activé" : "désactivé");
    if (!enabled) {
      requireAnotherAdmin(account);
    }
    account.enable(enabled, clock.instant());
    return StaffMember.of(account);
  }

  /**
   * A new password chosen by an administrator (to be given to the member out of band), which the
   * member must replace with their own at their next login.
   */
  public StaffMember resetPassword(Actor actor, String username, String password) {
    StaffAccount account = change(actor, username, "password reset", "mot de passe réinitialisé");
    requirePassword(password);
    account.resetPassword(passwords.hash(password), clock.instant());
    return StaffMember.of(account);
  }

  /** Replaces an account's roles; the last enabled administrator keeps theirs. */
  public StaffMember setRoles(Actor actor, String username, Set<Role> roles) {
    requireRoles(roles);
    StaffAccount account =
        change(actor, username, "roles " + words(roles), "rôles : " + words(roles));
    if (!roles.contains(Role.ADMIN)) {
      requireAnotherAdmin(account);
    }
    account.grant(roles, clock.instant());
    return StaffMember.of(account);
  }

  /**
   * Several changes to one account at once (null: unchanged), in one transaction: all of them or,
   * if one is refused, none.
   */
  public StaffMember change(
      Actor actor, String username, Boolean enabled, Set<Role> roles, String password) {
    if (enabled == null && roles == null && password == null) {
      throw new CarnetException(ErrorCode.VALIDATION_FAILED, "enabled, roles or password");
    }
    StaffMember member = null;
    if (roles != null) {
      member = setRoles(actor, username, roles);
    }
    if (password != null) {
      member = resetPassword(actor, username, password);
    }
    if (enabled != null) {
      member = setEnabled(actor, username, enabled);
    }
    return member;
  }

  /**
   * The roles of an account that is still enabled and unchanged since {@code since}, or nothing:
   * what a console session opened at {@code since} may still do.
   */
  public Optional<Set<Role>> stillValid(String username, Instant since) {
    return accounts
        .findByUsername(username)
        .filter(StaffAccount::enabled)
        .filter(account -> !account.changedAt().isAfter(since))
        .map(StaffAccount::staffRoles);
  }

  private StaffAccount change(Actor actor, String username, String traced, String history) {
    Decision decision = access.policy().decide(actor, AccountAction.MANAGE_STAFF);
    gate.pass(
        actor,
        TraceAction.STAFF_CHANGE,
        null,
        TraceSubject.NONE,
        decision,
        username + ": " + traced,
        ErrorCode.FORBIDDEN);
    StaffAccount account =
        accounts
            .findByUsername(username)
            .orElseThrow(() -> new CarnetException(ErrorCode.STAFF_ACCOUNT_NOT_FOUND));
    accounts.recordChange(actor.subject(), username, history, clock.instant());
    return account;
  }

  /** Nobody may lock the administrators out: one enabled administrator always remains. */
  private void requireAnotherAdmin(StaffAccount changed) {
    boolean another =
        accounts.allLocked().stream()
            .anyMatch(
                other ->
                    !other.id().equals(changed.id())
                        && other.enabled()
                        && other.staffRoles().contains(Role.ADMIN));
    if (changed.enabled() && changed.staffRoles().contains(Role.ADMIN) && !another) {
      throw new CarnetException(ErrorCode.LAST_ADMIN);
    }
  }

  private void require(Actor actor, TraceAction traced, String detail) {
    Decision decision = access.policy().decide(actor, AccountAction.MANAGE_STAFF);
    gate.pass(actor, traced, null, TraceSubject.NONE, decision, detail, ErrorCode.FORBIDDEN);
  }

  private void requirePassword(String password) {
    if (password == null || password.length() < minimumLength) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED, "password: at least " + minimumLength + " characters");
    }
  }

  private static void requireRoles(Set<Role> roles) {
    if (roles == null || roles.isEmpty() || !StaffAccount.STAFF_ROLES.containsAll(roles)) {
      throw new CarnetException(ErrorCode.VALIDATION_FAILED, "roles: agent, auditor, admin");
    }
  }

  private static String words(Set<Role> roles) {
    return roles.stream().map(Role::group).sorted().collect(Collectors.joining(", "));
  }

  /** A console account as administrators see it: never its password hash. */
  public record StaffMember(
      String username, Set<Role> roles, boolean enabled, Instant createdAt, Instant changedAt) {

    static StaffMember of(StaffAccount account) {
      return new StaffMember(
          account.username(),
          account.staffRoles(),
          account.enabled(),
          account.createdAt(),
          account.changedAt());
    }
  }
}

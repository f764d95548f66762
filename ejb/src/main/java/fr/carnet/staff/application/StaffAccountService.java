package fr.carnet.staff.application;

import fr.carnet.access.AccountAction;
import fr.carnet.access.Decision;
import fr.carnet.access.application.AccessService;
import fr.carnet.access.application.Refusals;
import fr.carnet.audit.application.TraceService;
import fr.carnet.audit.model.TraceAction;
import fr.carnet.security.Actor;
import fr.carnet.security.Role;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import fr.carnet.staff.model.StaffAccount;
import fr.carnet.staff.model.StaffAccountRepository;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Console accounts: checking a password at login; created by administrators. */
@Stateless
public class StaffAccountService {

  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");
  private static final int MIN_PASSWORD = 12;

  @Inject private StaffAccountRepository accounts;
  @Inject private StaffPasswords passwords;
  @Inject private AccessService access;
  @Inject private TraceService traces;
  @Inject private Clock clock;

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
    traces.record(actor, TraceAction.STAFF_CREATE, null, null, decision, username);
    Refusals.refuseUnless(decision, ErrorCode.FORBIDDEN);
    if (username == null || !USERNAME.matcher(username).matches()) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED, "username: 3 to 64 of a-z, 0-9, dot, dash, underscore");
    }
    if (password == null || password.length() < MIN_PASSWORD) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED, "password: at least " + MIN_PASSWORD + " characters");
    }
    if (roles == null || roles.isEmpty() || !StaffAccount.STAFF_ROLES.containsAll(roles)) {
      throw new CarnetException(ErrorCode.VALIDATION_FAILED, "roles: agent, auditor, admin");
    }
    if (accounts.findByUsername(username).isPresent()) {
      throw new CarnetException(ErrorCode.STAFF_ACCOUNT_EXISTS);
    }
    accounts.store(new StaffAccount(username, passwords.hash(password), roles, clock.instant()));
  }
}

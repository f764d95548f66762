package fr.carnet.staff.application;

import fr.carnet.access.Decision;
import fr.carnet.access.Layer;
import fr.carnet.audit.application.TraceService;
import fr.carnet.audit.model.TraceAction;
import fr.carnet.security.Actor;
import fr.carnet.security.Role;
import fr.carnet.staff.model.LoginFailures;
import fr.carnet.staff.model.LoginThrottle;
import fr.carnet.staff.model.StaffAccount;
import fr.carnet.staff.model.StaffAccountRepository;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Console logins, logouts and a member's own password change, each traced as the member's own
 * trail; failed logins throttled per typed account name and per client address, in the database so
 * that every node counts alike.
 *
 * <p>A refused attempt is a value, not an exception, so that its trace and its count commit. An
 * attempt on a key that is locked out, or that comes before its next allowed time, is refused
 * before any password is hashed; any other attempt costs one hash, whether the account exists or
 * not. Every refusal looks the same to the person at the keyboard.
 */
@Stateless
public class ConsoleLoginService {

  /** The actor of attempts on names that are no account (a colon: never a user name). */
  public static final String UNKNOWN_ACTOR = "console:unknown";

  static final String ACCOUNT = "ACCOUNT";
  static final String ADDRESS = "ADDRESS";

  @Inject private StaffAccountRepository accounts;
  @Inject private StaffPasswords passwords;
  @Inject private LoginFailures failures;
  @Inject private TraceService traces;
  @Inject private Clock clock;

  @Inject
  @ConfigProperty(name = "carnet.console.login.free-failures", defaultValue = "3")
  private int freeFailures;

  @Inject
  @ConfigProperty(name = "carnet.console.login.delay", defaultValue = "PT1S")
  private Duration delay;

  @Inject
  @ConfigProperty(name = "carnet.console.login.delay-growth", defaultValue = "2")
  private double growth;

  @Inject
  @ConfigProperty(name = "carnet.console.login.max-delay", defaultValue = "PT1M")
  private Duration maxDelay;

  @Inject
  @ConfigProperty(name = "carnet.console.login.lockout-failures", defaultValue = "10")
  private int lockoutFailures;

  @Inject
  @ConfigProperty(name = "carnet.console.login.lockout-duration", defaultValue = "PT15M")
  private Duration lockout;

  @Inject
  @ConfigProperty(name = "carnet.console.login.window", defaultValue = "PT15M")
  private Duration window;

  @Inject
  @ConfigProperty(name = "carnet.console.login.address-free-failures", defaultValue = "20")
  private int addressFreeFailures;

  @Inject
  @ConfigProperty(name = "carnet.console.login.address-lockout-failures", defaultValue = "100")
  private int addressLockoutFailures;

  @Inject
  @ConfigProperty(name = "carnet.console.login.address-window", defaultValue = "PT15M")
  private Duration addressWindow;

  @Inject
  @ConfigProperty(name = "carnet.console.password.min-length", defaultValue = "12")
  private int minimumLength;

  private LoginThrottle accountThrottle;
  private LoginThrottle addressThrottle;

  @PostConstruct
  void settings() {
    accountThrottle =
        new LoginThrottle(freeFailures, delay, growth, maxDelay, lockoutFailures, lockout, window);
    addressThrottle =
        new LoginThrottle(
            addressFreeFailures,
            delay,
            growth,
            maxDelay,
            addressLockoutFailures,
            lockout,
            addressWindow);
  }

  /** The answer to a login attempt: the member's standing if it succeeded, else nothing. */
  public record LoginOutcome(Optional<Member> member) {

    public boolean succeeded() {
      return member.isPresent();
    }
  }

  /**
   * A member logged in: roles, whether they must change their password first, and the instant their
   * account last changed (the session stands while the account has not changed since).
   */
  public record Member(
      String username, Set<Role> roles, boolean mustChangePassword, Instant standingSince) {}

  /** Checks a console login, throttled, and traces it whatever the outcome. */
  public LoginOutcome login(String typedName, char[] password, String clientAddress) {
    // As the database keeps it: PostgreSQL rounds to the microsecond, which could put a stored
    // "now" a fraction after this one, and refuse a first attempt as too soon.
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    String name = typedName == null ? "" : typedName.trim().toLowerCase(Locale.ROOT);
    String address = clientAddress == null ? "?" : clientAddress;
    String accountKey = key(ACCOUNT, name);
    String addressKey = key(ADDRESS, address);
    Optional<StaffAccount> account =
        name.isEmpty() ? Optional.empty() : accounts.findByUsername(name);
    Actor actor = actorOf(account);

    Optional<LoginThrottle.Refusal> byAddress =
        failures.find(addressKey).flatMap(kept -> addressThrottle.refusal(kept, now));
    if (byAddress.isPresent()) {
      return refused(actor, "ADDRESS_" + byAddress.get().name(), address);
    }
    // Refused at once if already held back, without waiting for the row behind a running hash.
    Optional<LoginThrottle.Refusal> heldBack =
        failures.find(accountKey).flatMap(known -> accountThrottle.refusal(known, now));
    if (heldBack.isPresent()) {
      return refused(actor, heldBack.get().name(), address);
    }
    // Locked until the end of the transaction: parallel guesses at one name are counted in turn,
    // and the check made again on what the last of them left.
    LoginThrottle.Failures kept = failures.lock(accountKey, ACCOUNT, now);
    Optional<LoginThrottle.Refusal> byAccount = accountThrottle.refusal(kept, now);
    if (byAccount.isPresent()) {
      return refused(actor, byAccount.get().name(), address);
    }

    Optional<StaffAccount> enabled = account.filter(StaffAccount::enabled);
    // An unknown or disabled name costs the same hash as a known one.
    boolean matches =
        passwords.verify(password, enabled.map(StaffAccount::passwordHash).orElse(null));
    if (enabled.isPresent() && matches && !enabled.get().staffRoles().isEmpty()) {
      failures.forget(accountKey);
      failures.forgetOlderThan(now.minus(longest(window, addressWindow)), now);
      StaffAccount member = enabled.get();
      traces.record(
          actor,
          TraceAction.STAFF_LOGIN,
          null,
          null,
          Decision.permit(Layer.IDENTITY, "PASSWORD_VERIFIED"),
          from(address));
      return new LoginOutcome(
          Optional.of(
              new Member(
                  member.username(),
                  member.staffRoles(),
                  member.mustChangePassword(),
                  member.changedAt())));
    }

    String reason =
        account.isEmpty()
            ? "UNKNOWN_ACCOUNT"
            : account.get().enabled() ? "WRONG_PASSWORD" : "ACCOUNT_DISABLED";
    traces.record(
        actor,
        TraceAction.STAFF_LOGIN_FAILED,
        null,
        null,
        Decision.deny(Layer.IDENTITY, reason),
        from(address));
    LoginThrottle.Counted counted = accountThrottle.failed(kept, now);
    failures.save(accountKey, ACCOUNT, counted.failures());
    if (counted.lockedOut()) {
      traces.record(
          actor,
          TraceAction.STAFF_LOCKED_OUT,
          null,
          null,
          Decision.deny(Layer.IDENTITY, "ACCOUNT_LOCKED_OUT"),
          from(address) + " until " + counted.failures().lockedUntil());
    }
    // The address row is locked after the account's, never before: no two logins wait on each
    // other in opposite orders.
    LoginThrottle.Counted byThisAddress =
        addressThrottle.failed(failures.lock(addressKey, ADDRESS, now), now);
    failures.save(addressKey, ADDRESS, byThisAddress.failures());
    if (byThisAddress.lockedOut()) {
      traces.record(
          actor,
          TraceAction.STAFF_LOCKED_OUT,
          null,
          null,
          Decision.deny(Layer.IDENTITY, "ADDRESS_LOCKED_OUT"),
          from(address) + " until " + byThisAddress.failures().lockedUntil());
    }
    return new LoginOutcome(Optional.empty());
  }

  /** A console session ended: by the member ({@code LOGOUT}) or by its age ({@code EXPIRED}). */
  public void loggedOut(String username, String reason, String clientAddress) {
    traces.record(
        actorOf(accounts.findByUsername(username)),
        TraceAction.STAFF_LOGOUT,
        null,
        null,
        Decision.permit(Layer.IDENTITY, reason),
        from(clientAddress));
  }

  /** Why a member's own password change was refused, or that it was made. */
  public enum PasswordChangeResult {
    CHANGED,
    WRONG_CURRENT,
    TOO_SHORT,
    SAME_AS_CURRENT
  }

  /** The outcome of a password change, and the account's new standing when it was made. */
  public record PasswordChange(PasswordChangeResult result, Optional<Member> member) {}

  /** The shortest password accepted, for the forms that say so. */
  public int minimumLength() {
    return minimumLength;
  }

  /**
   * A member chooses their own password: the current one must be right, the new one differ and be
   * long enough. Traced as the member's own action, refused or not.
   */
  public PasswordChange changeOwnPassword(
      String username, char[] current, String next, String clientAddress) {
    Optional<StaffAccount> account =
        accounts.findByUsername(username).filter(StaffAccount::enabled);
    Actor actor = actorOf(account);
    PasswordChangeResult result;
    if (!passwords.verify(current, account.map(StaffAccount::passwordHash).orElse(null))) {
      result = PasswordChangeResult.WRONG_CURRENT;
    } else if (next == null || next.length() < minimumLength) {
      result = PasswordChangeResult.TOO_SHORT;
    } else if (next.equals(new String(current))) {
      result = PasswordChangeResult.SAME_AS_CURRENT;
    } else {
      result = PasswordChangeResult.CHANGED;
    }
    boolean changed = result == PasswordChangeResult.CHANGED;
    traces.record(
        actor,
        TraceAction.STAFF_PASSWORD_CHANGE,
        null,
        null,
        changed
            ? Decision.permit(Layer.IDENTITY, "OWN_PASSWORD")
            : Decision.deny(Layer.IDENTITY, result.name()),
        from(clientAddress));
    if (!changed) {
      return new PasswordChange(result, Optional.empty());
    }
    StaffAccount member = account.orElseThrow();
    member.changePassword(passwords.hash(next), clock.instant());
    accounts.recordChange(
        member.username(), member.username(), "mot de passe changé par le membre", clock.instant());
    return new PasswordChange(
        result,
        Optional.of(new Member(member.username(), member.staffRoles(), false, member.changedAt())));
  }

  /**
   * The member as the trail names them, in the highest role they hold; an unknown name, a marker.
   */
  private static Actor actorOf(Optional<StaffAccount> account) {
    if (account.isEmpty()) {
      return Actor.staff(UNKNOWN_ACTOR, Role.AGENT);
    }
    Set<Role> roles = account.get().staffRoles();
    Role role =
        List.of(Role.ADMIN, Role.AUDITOR, Role.AGENT).stream()
            .filter(roles::contains)
            .findFirst()
            .orElse(Role.AGENT);
    return Actor.staff(account.get().username(), role);
  }

  private LoginOutcome refused(Actor actor, String reason, String address) {
    traces.record(
        actor,
        TraceAction.STAFF_LOGIN_FAILED,
        null,
        null,
        Decision.deny(Layer.IDENTITY, reason),
        from(address));
    return new LoginOutcome(Optional.empty());
  }

  private static String from(String address) {
    return "from " + (address == null ? "?" : address);
  }

  private static Duration longest(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** A key of the throttle table: never the typed text itself. */
  static String key(String kind, String value) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(sha.digest((kind + "\n" + value).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

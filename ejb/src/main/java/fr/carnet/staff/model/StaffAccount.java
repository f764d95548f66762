package fr.carnet.staff.model;

import fr.carnet.security.Role;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** A console user: call-centre agent, auditor or administrator. Never a reader of clinical data. */
@Entity
@Table(name = "staff_account")
public class StaffAccount {

  /** The roles a console account may hold; patients and professionals never log in here. */
  public static final Set<Role> STAFF_ROLES = EnumSet.of(Role.AGENT, Role.AUDITOR, Role.ADMIN);

  @Id private UUID id;

  @Column(nullable = false, unique = true, updatable = false)
  private String username;

  @Column(name = "password_hash", nullable = false)
  private String passwordHash;

  @Column(nullable = false)
  private boolean enabled;

  @Column(name = "created_at", nullable = false, updatable = false)
  private OffsetDateTime createdAt;

  @Column(name = "changed_at", nullable = false)
  private OffsetDateTime changedAt;

  /** Set when someone else chose the password: the member must choose their own at login. */
  @Column(name = "must_change_password", nullable = false)
  private boolean mustChangePassword;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "staff_role", joinColumns = @JoinColumn(name = "staff_id"))
  @Column(name = "role")
  private Set<String> roles = new HashSet<>();

  protected StaffAccount() {
    // for JPA
  }

  public StaffAccount(String username, String passwordHash, Set<Role> roles, Instant now) {
    if (!STAFF_ROLES.containsAll(roles)) {
      throw new IllegalArgumentException("Console accounts hold staff roles only");
    }
    this.id = UUID.randomUUID();
    this.username = username;
    this.passwordHash = passwordHash;
    this.enabled = true;
    this.createdAt = now.atOffset(ZoneOffset.UTC);
    this.changedAt = createdAt;
    this.roles = roles.stream().map(Role::group).collect(Collectors.toCollection(HashSet::new));
  }

  public UUID id() {
    return id;
  }

  public String username() {
    return username;
  }

  public String passwordHash() {
    return passwordHash;
  }

  public boolean enabled() {
    return enabled;
  }

  public Set<String> roles() {
    return Set.copyOf(roles);
  }

  /** The roles as the policy knows them. */
  public Set<Role> staffRoles() {
    return roles.stream()
        .map(Role::ofGroup)
        .flatMap(java.util.Optional::stream)
        .collect(Collectors.toUnmodifiableSet());
  }

  public Instant createdAt() {
    return createdAt.toInstant();
  }

  /** When the account was last enabled, disabled, given roles or a password. */
  public Instant changedAt() {
    return changedAt.toInstant();
  }

  public void enable(boolean enabled, Instant now) {
    this.enabled = enabled;
    changed(now);
  }

  /** A password chosen by someone else (an administrator, the first start): to be changed. */
  public void resetPassword(String passwordHash, Instant now) {
    this.passwordHash = passwordHash;
    this.mustChangePassword = true;
    changed(now);
  }

  /** A password the member chose themselves. */
  public void changePassword(String passwordHash, Instant now) {
    this.passwordHash = passwordHash;
    this.mustChangePassword = false;
    changed(now);
  }

  /** The member must choose a new password before any desk works. */
  public boolean mustChangePassword() {
    return mustChangePassword;
  }

  /** From the start: the account of the first start, whose password came from the operator. */
  public void requirePasswordChange() {
    this.mustChangePassword = true;
  }

  public void grant(Set<Role> newRoles, Instant now) {
    if (newRoles.isEmpty() || !STAFF_ROLES.containsAll(newRoles)) {
      throw new IllegalArgumentException("Console accounts hold one staff role at least");
    }
    roles.clear();
    newRoles.stream().map(Role::group).forEach(roles::add);
    changed(now);
  }

  /** Sessions opened before a change end at their next request (stamped as the column keeps it). */
  private void changed(Instant now) {
    changedAt = now.truncatedTo(java.time.temporal.ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
  }
}

package fr.carnet.access;

import fr.carnet.security.Actor;
import fr.carnet.security.Role;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one place where access is decided. Pure: it is given every fact it needs and reads nothing
 * else, so that it can be tested as a table and every decision explained by its layer and reason.
 */
public final class AccessPolicy {

  private static final Map<AccountAction, Set<Role>> ACCOUNT_ROLES =
      new EnumMap<>(AccountAction.class);

  static {
    ACCOUNT_ROLES.put(AccountAction.CREATE_RECORD, EnumSet.of(Role.ADMIN));
    ACCOUNT_ROLES.put(AccountAction.LOOKUP_RECORD, EnumSet.of(Role.PROFESSIONAL, Role.AGENT));
    ACCOUNT_ROLES.put(AccountAction.READ_OWN_RECORD, EnumSet.of(Role.PATIENT));
  }

  /** Decides an account-level action, which no clinical fact can widen. */
  public Decision decide(Actor actor, AccountAction action) {
    if (!ACCOUNT_ROLES.get(action).contains(actor.role())) {
      return Decision.deny(Layer.ROLE, "ROLE_NOT_ALLOWED");
    }
    if (actor.is(Role.PROFESSIONAL) && (actor.rpps() == null || actor.profession() == null)) {
      return Decision.deny(Layer.IDENTITY, "PROFESSIONAL_IDENTITY_INCOMPLETE");
    }
    if (action == AccountAction.READ_OWN_RECORD && actor.ins() == null) {
      return Decision.deny(Layer.IDENTITY, "PATIENT_INS_MISSING");
    }
    return Decision.permit(Layer.ROLE, "ROLE_ALLOWED");
  }
}

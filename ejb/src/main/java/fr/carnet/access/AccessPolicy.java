package fr.carnet.access;

import fr.carnet.record.model.DocumentStatus;
import fr.carnet.reference.model.Rights;
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

  static final String PATIENT_CLASS = "PATIENT";

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

  /**
   * Whether the actor may file a document of this class in the record. Until the full access rules
   * land, a professional needs the matrix's write right and an open record; a patient may add
   * documents of class PATIENT to their own open record.
   */
  public Decision mayPublish(Actor actor, RecordFacts record, String classCode, Rights rights) {
    switch (actor.role()) {
      case PROFESSIONAL -> {
        if (actor.rpps() == null || actor.profession() == null) {
          return Decision.deny(Layer.IDENTITY, "PROFESSIONAL_IDENTITY_INCOMPLETE");
        }
        if (!record.state().isAvailable()) {
          return Decision.deny(Layer.RECORD_STATE, "RECORD_NOT_AVAILABLE");
        }
        return rights.mayWrite()
            ? Decision.permit(Layer.MATRIX, "MATRIX_WRITE")
            : Decision.deny(Layer.MATRIX, "DENIED_BY_MATRIX");
      }
      case PATIENT -> {
        if (!record.ownedByActor()) {
          return Decision.deny(Layer.IDENTITY, "NOT_OWN_RECORD");
        }
        if (!record.state().isAvailable()) {
          return Decision.deny(Layer.RECORD_STATE, "RECORD_NOT_AVAILABLE");
        }
        return PATIENT_CLASS.equals(classCode)
            ? Decision.permit(Layer.ROLE, "PATIENT_UPLOAD")
            : Decision.deny(Layer.ROLE, "PATIENT_UPLOADS_ONLY_PATIENT_CLASS");
      }
      default -> {
        return Decision.deny(Layer.ROLE, "ROLE_NOT_ALLOWED");
      }
    }
  }

  /**
   * What the actor may see when searching a record. Never an open default: until the full access
   * rules land, a professional sees only their own documents, and the patient everything of their
   * own record but what is withheld from them.
   */
  public Visibility visibility(Actor actor, RecordFacts record) {
    return switch (actor.role()) {
      case PROFESSIONAL -> {
        if (actor.rpps() == null || actor.profession() == null) {
          yield Visibility.refused(
              Decision.deny(Layer.IDENTITY, "PROFESSIONAL_IDENTITY_INCOMPLETE"));
        }
        if (!record.state().isAvailable()) {
          yield Visibility.refused(Decision.deny(Layer.RECORD_STATE, "RECORD_NOT_AVAILABLE"));
        }
        yield new Visibility(
            Decision.permit(Layer.AUTHORSHIP, "OWN_DOCUMENTS_ONLY"), actor.rpps(), false);
      }
      case PATIENT ->
          record.ownedByActor()
              ? new Visibility(Decision.permit(Layer.ROLE, "OWN_RECORD"), null, true)
              : Visibility.refused(Decision.deny(Layer.IDENTITY, "NOT_OWN_RECORD"));
      default -> Visibility.refused(Decision.deny(Layer.ROLE, "ROLE_NOT_ALLOWED"));
    };
  }

  /** Whether the actor may read one document: its metadata and its content. */
  public Decision mayRead(Actor actor, RecordFacts record, DocumentFacts document) {
    Visibility visibility = visibility(actor, record);
    if (!visibility.decision().permitted()) {
      return visibility.decision();
    }
    if (document.status() == DocumentStatus.WITHDRAWN) {
      return Decision.deny(Layer.DOCUMENT_STATE, "WITHDRAWN");
    }
    if (visibility.onlyAuthorRpps() != null
        && !visibility.onlyAuthorRpps().equals(document.authorRpps())) {
      return Decision.deny(Layer.AUTHORSHIP, "NOT_AUTHOR");
    }
    if (visibility.hideWithheld() && document.withheldFromPatient()) {
      return Decision.deny(Layer.DOCUMENT_STATE, "WITHHELD_FROM_PATIENT");
    }
    return visibility.decision();
  }

  /**
   * Whether the actor may change a document's life: replace it with a new version, withdraw it,
   * release it to the patient. Only its author, on a current document of an open record.
   */
  public Decision mayAmend(Actor actor, RecordFacts record, DocumentFacts document) {
    if (!actor.is(Role.PROFESSIONAL)) {
      return Decision.deny(Layer.ROLE, "ROLE_NOT_ALLOWED");
    }
    if (actor.rpps() == null || actor.profession() == null) {
      return Decision.deny(Layer.IDENTITY, "PROFESSIONAL_IDENTITY_INCOMPLETE");
    }
    if (!record.state().isAvailable()) {
      return Decision.deny(Layer.RECORD_STATE, "RECORD_NOT_AVAILABLE");
    }
    if (!actor.rpps().equals(document.authorRpps())) {
      return Decision.deny(Layer.AUTHORSHIP, "NOT_AUTHOR");
    }
    if (document.status() != DocumentStatus.CURRENT) {
      return Decision.deny(Layer.DOCUMENT_STATE, "NOT_CURRENT");
    }
    return Decision.permit(Layer.AUTHORSHIP, "AUTHOR");
  }

  /**
   * Whether the actor may add an entry to the medical profile: a professional with the matrix's
   * write right on the class that governs the entry's kind, in an open record; the patient, in
   * their own record, as self-declared.
   */
  public Decision mayWriteProfile(Actor actor, RecordFacts record, Rights rights) {
    if (actor.is(Role.PATIENT)) {
      if (!record.ownedByActor()) {
        return Decision.deny(Layer.IDENTITY, "NOT_OWN_RECORD");
      }
      return record.state().isAvailable()
          ? Decision.permit(Layer.ROLE, "SELF_DECLARED")
          : Decision.deny(Layer.RECORD_STATE, "RECORD_NOT_AVAILABLE");
    }
    // A professional writes an entry as a document of its class.
    return mayPublish(actor, record, null, rights);
  }
}

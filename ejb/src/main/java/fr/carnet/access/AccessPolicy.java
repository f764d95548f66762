package fr.carnet.access;

import fr.carnet.record.model.DocumentStatus;
import fr.carnet.record.model.RecordState;
import fr.carnet.security.Actor;
import fr.carnet.security.Role;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The one place where access is decided. Pure: it is given every fact it needs and reads nothing
 * else, so that it can be tested as a table and every decision explained by its layer and reason.
 *
 * <p>A professional's read passes the layers of the domain brief in order: record state, agreement
 * (or an emergency mode the patient has not switched off, or a standing agreement the patient
 * gave), matrix, mask (a document, or its whole class), block (the professional, or the
 * organisation they act for). The author of a document always sees it, unless the record is
 * unavailable or the patient blocked them or their organisation. Patients read their own record;
 * representatives read it too, minus a minor's secrets, until the minor comes of age. Staff never
 * read clinical content.
 *
 * <p>A proxy the patient chose (issue 18) acts with their own patient token like a representative,
 * within the scope the patient gave ({@link ProxyScope}) and until its end date or a revocation:
 * they read what a representative reads (a minor's secrets excluded), a {@code READ_AND_MANAGE}
 * proxy also narrows access through the controls; widening access, proxies, opposition, closure,
 * deletion, activation, exports and writing into the record stay the patient's own.
 */
public final class AccessPolicy {

  static final String PATIENT_CLASS = "PATIENT";

  /** The reasons of the decisions about a proxy acting for the patient, permits and refusals. */
  private static final Set<String> PROXY_REASONS =
      Set.of(
          "PROXY",
          "PROXY_MANAGE",
          "PROXY_EXPIRED",
          "PROXY_REVOKED",
          "PROXY_READ_ONLY",
          "PROXY_RESERVED_TO_PATIENT",
          "PROXY_RENOUNCE",
          "NOT_OWN_PROXY");

  /**
   * Whether a decision with this reason was about a proxy acting for the patient: the history says
   * "your proxy", and a proxy's first act is told to the patient.
   */
  public static boolean isProxyReason(String reason) {
    return PROXY_REASONS.contains(reason);
  }

  private static final Map<AccountAction, Set<Role>> ACCOUNT_ROLES =
      new EnumMap<>(AccountAction.class);

  static {
    ACCOUNT_ROLES.put(AccountAction.CREATE_RECORD, EnumSet.of(Role.ADMIN));
    ACCOUNT_ROLES.put(AccountAction.LOOKUP_RECORD, EnumSet.of(Role.PROFESSIONAL, Role.AGENT));
    ACCOUNT_ROLES.put(AccountAction.READ_OWN_RECORD, EnumSet.of(Role.PATIENT));
    ACCOUNT_ROLES.put(AccountAction.MANAGE_REPRESENTATIVES, EnumSet.of(Role.ADMIN, Role.AGENT));
    ACCOUNT_ROLES.put(AccountAction.APPROVE_STAFF_REQUEST, EnumSet.of(Role.ADMIN, Role.AGENT));
    ACCOUNT_ROLES.put(
        AccountAction.READ_REFERENCE,
        EnumSet.of(Role.PROFESSIONAL, Role.PATIENT, Role.AGENT, Role.AUDITOR, Role.ADMIN));
    ACCOUNT_ROLES.put(AccountAction.READ_MATRIX, EnumSet.of(Role.ADMIN));
    ACCOUNT_ROLES.put(AccountAction.EDIT_MATRIX, EnumSet.of(Role.ADMIN));
    ACCOUNT_ROLES.put(AccountAction.AUDIT_TRACES, EnumSet.of(Role.AUDITOR));
    ACCOUNT_ROLES.put(AccountAction.ENROL_IN_BULK, EnumSet.of(Role.ADMIN));
    ACCOUNT_ROLES.put(AccountAction.MANAGE_STAFF, EnumSet.of(Role.ADMIN));
    ACCOUNT_ROLES.put(AccountAction.FIND_PERSON, EnumSet.of(Role.AGENT));
    ACCOUNT_ROLES.put(AccountAction.EDIT_REFERENCE, EnumSet.of(Role.ADMIN));
    ACCOUNT_ROLES.put(AccountAction.LIST_IMPOSSIBLE_LETTERS, EnumSet.of(Role.AGENT));
    ACCOUNT_ROLES.put(AccountAction.MANAGE_CATALOGUE, EnumSet.of(Role.ADMIN));
    ACCOUNT_ROLES.put(AccountAction.READ_PREVENTION_HISTORY, EnumSet.of(Role.ADMIN, Role.AUDITOR));
    ACCOUNT_ROLES.put(
        AccountAction.READ_CATALOGUE, EnumSet.of(Role.PATIENT, Role.AGENT, Role.ADMIN));
    // The FHIR interactions are the professionals', the person's and staff's, never checked
    // against an app's grant: an app reads through /api.
    ACCOUNT_ROLES.put(
        AccountAction.USE_FHIR,
        EnumSet.of(Role.PROFESSIONAL, Role.PATIENT, Role.AGENT, Role.AUDITOR, Role.ADMIN));
  }

  private final PolicySettings settings;

  public AccessPolicy(PolicySettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** Decides an account-level action, which no clinical fact can widen. */
  public Decision decide(Actor actor, AccountAction action) {
    if (!ACCOUNT_ROLES.get(action).contains(actor.role())) {
      return Decision.deny(Layer.ROLE, "ROLE_NOT_ALLOWED");
    }
    if (actor.is(Role.PROFESSIONAL) && !identified(actor)) {
      return Decision.deny(Layer.IDENTITY, "PROFESSIONAL_IDENTITY_INCOMPLETE");
    }
    if (action == AccountAction.READ_OWN_RECORD && actor.ins() == null) {
      return Decision.deny(Layer.IDENTITY, "PATIENT_INS_MISSING");
    }
    return Decision.permit(Layer.ROLE, "ROLE_ALLOWED");
  }

  /**
   * Whether even an action about no one is traced when permitted: an agent's, an auditor's or an
   * administrator's, since every staff action is (the rule book: "agent actions, auditor actions").
   */
  public boolean tracesEveryAction(Actor actor) {
    return actor.is(Role.AGENT) || actor.is(Role.AUDITOR) || actor.is(Role.ADMIN);
  }

  // ---- Identity -----------------------------------------------------------------------------

  /**
   * What the actor may see of the identity of a record's person. A professional the patient blocked
   * is refused, and the record behaves as absent for them; agents see the traits and the state,
   * never the INS, which they did not type (the console finds people by name and birth date too); a
   * professional sees the INS only with a current agreement, or when they typed it themselves with
   * the matching traits ({@code insTypedByCaller}), and the traits otherwise.
   */
  public IdentityDisclosure identityDisclosure(
      Actor actor, AccessFacts facts, boolean insTypedByCaller) {
    Decision role = decide(actor, AccountAction.LOOKUP_RECORD);
    if (!role.permitted()) {
      return new IdentityDisclosure(role, false);
    }
    if (actor.is(Role.AGENT)) {
      return new IdentityDisclosure(Decision.permit(Layer.ROLE, "TRAITS_ONLY"), false);
    }
    if (blocked(facts) != null) {
      return new IdentityDisclosure(
          Decision.deny(Layer.BLOCK, "IDENTITY_HIDDEN_FROM_BLOCKED"), false);
    }
    if (insTypedByCaller) {
      return new IdentityDisclosure(Decision.permit(Layer.IDENTITY, "INS_TYPED_BY_CALLER"), true);
    }
    return facts.grant() != null
        ? new IdentityDisclosure(Decision.permit(Layer.AGREEMENT, "AGREEMENT_CURRENT"), true)
        : new IdentityDisclosure(Decision.permit(Layer.AGREEMENT, "TRAITS_ONLY"), false);
  }

  /**
   * The second pair of eyes: whether the actor may approve or reject what {@code requestedBy} (a
   * staff member's id) asked. Another agent or an administrator; never the one who asked, in
   * whatever role they come back, nor a console account the requester created or whose password or
   * roles they changed ({@code accountShapedByRequester}).
   */
  public Decision mayDecideStaffRequest(
      Actor actor, String requestedBy, boolean accountShapedByRequester) {
    Decision role = decide(actor, AccountAction.APPROVE_STAFF_REQUEST);
    if (!role.permitted()) {
      return role;
    }
    if (actor.subject().equals(requestedBy)) {
      return Decision.deny(Layer.ROLE, "SAME_STAFF_MEMBER");
    }
    // A second account the requester made, or whose password or roles they set, is not a second
    // pair of eyes: the requester may hold its password.
    if (accountShapedByRequester) {
      return Decision.deny(Layer.ROLE, "ACCOUNT_SHAPED_BY_REQUESTER");
    }
    return Decision.permit(Layer.ROLE, "SECOND_STAFF_MEMBER");
  }

  // ---- Reading ------------------------------------------------------------------------------

  /**
   * What the actor may see of the record's documents: a refusal, or the filter one query applies.
   */
  public Visibility visibility(Actor actor, AccessFacts facts) {
    return switch (actor.role()) {
      case PROFESSIONAL -> professionalVisibility(actor, facts);
      case APP -> appVisibility(facts);
      case PATIENT -> {
        Decision patientSide = patientSide(facts);
        yield patientSide.permitted()
            ? new Visibility(
                patientSide,
                null,
                false,
                null,
                true,
                // A proxy is kept from what a minor kept from their parents, like a representative.
                facts.relationship() == Relationship.REPRESENTATIVE
                    || facts.relationship() == Relationship.PROXY,
                Set.of())
            : Visibility.refused(patientSide);
      }
      default -> Visibility.refused(Decision.deny(Layer.ROLE, "ROLE_NOT_ALLOWED"));
    };
  }

  /** Whether the actor may read one document: its metadata and its content. */
  public Decision mayRead(Actor actor, AccessFacts facts, DocumentFacts document) {
    if (actor.is(Role.PROFESSIONAL)) {
      return professionalRead(actor, facts, document);
    }
    if (actor.is(Role.APP)) {
      return appRead(facts, document);
    }
    Visibility visibility = visibility(actor, facts);
    Decision decision = visibility.decision();
    if (!decision.permitted()) {
      return decision;
    }
    if (document.status() == DocumentStatus.WITHDRAWN) {
      return Decision.deny(Layer.DOCUMENT_STATE, "WITHDRAWN");
    }
    if (document.withheldFromPatient()) {
      return Decision.deny(Layer.DOCUMENT_STATE, "WITHHELD_FROM_PATIENT");
    }
    if (visibility.hideFromRepresentatives() && document.hiddenFromRepresentatives()) {
      return Decision.deny(Layer.REPRESENTATION, "HIDDEN_FROM_REPRESENTATIVES");
    }
    return decision;
  }

  /**
   * Whether the actor is shown one entry of the medical profile, among those the record's {@link
   * #visibility} lets through (the classes governing their kinds, the author's own): a
   * representative is never shown an entry kept secret from representatives; the minor and
   * professionals see it under the usual rules.
   */
  public Decision mayReadProfileEntry(
      Actor actor, AccessFacts facts, boolean hiddenFromRepresentatives) {
    if (actor.is(Role.APP)) {
      Decision app = appGate(facts);
      if (!app.permitted()) {
        return app;
      }
      if (!facts.app().grants(AppStanding.READ_PROFILE)) {
        return Decision.deny(Layer.APP, Refusal.APP_SCOPE_NOT_GRANTED);
      }
      // A minor's secret stays whole: an app may be shared with, or read by, the parents.
      return hiddenFromRepresentatives
          ? Decision.deny(Layer.REPRESENTATION, "HIDDEN_FROM_REPRESENTATIVES")
          : visibility(actor, facts).decision();
    }
    Visibility visibility = visibility(actor, facts);
    if (visibility.decision().permitted()
        && visibility.hideFromRepresentatives()
        && hiddenFromRepresentatives) {
      return Decision.deny(Layer.REPRESENTATION, "HIDDEN_FROM_REPRESENTATIVES");
    }
    return visibility.decision();
  }

  private Visibility professionalVisibility(Actor actor, AccessFacts facts) {
    Decision gate = professionalGate(actor, facts);
    if (!gate.permitted()) {
      return Visibility.refused(gate);
    }
    Decision agreement = agreement(facts);
    if (!agreement.permitted()) {
      return Visibility.refused(agreement);
    }
    Set<String> readable = facts.matrix().readableClasses();
    if (readable.isEmpty()) {
      return Visibility.refused(Decision.deny(Layer.MATRIX, "DENIED_BY_MATRIX"));
    }
    Decision blocked = blocked(facts);
    if (blocked != null) {
      return Visibility.refused(blocked);
    }
    // The designated GP sees what the patient masked, documents and classes; the author always
    // sees their own. What is withheld from the patient is not withheld from care.
    boolean honourMasks = !facts.designatedGp();
    return new Visibility(
        agreement,
        readable,
        honourMasks,
        actor.rpps(),
        false,
        false,
        honourMasks ? facts.maskedClasses() : Set.of());
  }

  private Decision professionalRead(Actor actor, AccessFacts facts, DocumentFacts document) {
    Decision gate = professionalGate(actor, facts);
    if (!gate.permitted()) {
      return gate;
    }
    if (document.status() == DocumentStatus.WITHDRAWN) {
      return Decision.deny(Layer.DOCUMENT_STATE, "WITHDRAWN");
    }
    if (actor.rpps().equals(document.authorRpps())) {
      Decision blocked = blocked(facts);
      return blocked != null
          ? blocked
          : Decision.permit(Layer.AUTHORSHIP, "AUTHOR").in(facts.grant());
    }
    Decision agreement = agreement(facts);
    if (!agreement.permitted()) {
      return agreement;
    }
    // Withheld from the patient is not withheld from care: professionals with access see it.
    if (!facts.matrix().on(document.classCode()).mayRead()) {
      return Decision.deny(Layer.MATRIX, "CLASS_NOT_READABLE").in(agreement.mode());
    }
    if (document.masked() && !facts.designatedGp()) {
      return Decision.deny(Layer.MASK, "MASKED_BY_PATIENT").in(agreement.mode());
    }
    if (facts.maskedClasses().contains(document.classCode()) && !facts.designatedGp()) {
      return Decision.deny(Layer.MASK, "CLASS_MASKED_BY_PATIENT").in(agreement.mode());
    }
    Decision blocked = blocked(facts);
    if (blocked != null) {
      return blocked.in(agreement.mode());
    }
    return agreement;
  }

  /** Who the professional is and whether the record can be read at all, before any agreement. */
  private Decision professionalGate(Actor actor, AccessFacts facts) {
    if (!identified(actor)) {
      return Decision.deny(Layer.IDENTITY, "PROFESSIONAL_IDENTITY_INCOMPLETE");
    }
    if (writesOnly(actor)) {
      return Decision.deny(Layer.ROLE, "WRITE_ONLY_PROFESSION");
    }
    if (!facts.state().isAvailable()) {
      return Decision.deny(Layer.RECORD_STATE, "RECORD_NOT_AVAILABLE");
    }
    return Decision.permit(Layer.RECORD_STATE, "RECORD_OPEN");
  }

  /** The agreement layer: a current grant, or being the designated GP, in a permitted mode. */
  private Decision agreement(AccessFacts facts) {
    AccessMode grant = facts.grant();
    if (grant == null) {
      return facts.designatedGp()
          ? Decision.permit(Layer.AGREEMENT, "DESIGNATED_GP").in(AccessMode.NORMAL)
          : Decision.deny(Layer.AGREEMENT, "NO_AGREEMENT");
    }
    if (grant.isEmergency() && !facts.emergencyAccess()) {
      return Decision.deny(Layer.AGREEMENT, "EMERGENCY_ACCESS_DISABLED").in(grant);
    }
    return Decision.permit(Layer.AGREEMENT, "AGREEMENT_" + grant.name()).in(grant);
  }

  /** The patient or a representative acting for them, representatives only until majority. */
  private Decision patientSide(AccessFacts facts) {
    return switch (facts.relationship()) {
      case OWNER -> Decision.permit(Layer.ROLE, "OWN_RECORD");
      case REPRESENTATIVE -> {
        Representation representation = facts.representation();
        boolean ofAge =
            representation.kind() == Representation.Kind.MINOR
                && !facts
                    .today()
                    .isBefore(
                        representation.representedBirthDate().plusYears(settings.majorityAge()));
        yield ofAge
            ? Decision.deny(Layer.REPRESENTATION, "REPRESENTED_PERSON_OF_AGE")
            : Decision.permit(Layer.REPRESENTATION, "REPRESENTATIVE");
      }
      case PROXY -> proxySide(facts);
      case NONE -> Decision.deny(Layer.IDENTITY, "NOT_OWN_RECORD");
    };
  }

  /**
   * A proxy acts while their designation stands (not revoked, its end date not passed, in civil
   * time) and on an open record only: they are not the person, who alone acts on a record opposed
   * or closed.
   */
  private static Decision proxySide(AccessFacts facts) {
    ProxyStanding proxy = facts.proxy();
    if (proxy.revoked()) {
      return Decision.deny(Layer.REPRESENTATION, "PROXY_REVOKED");
    }
    if (facts.today().isAfter(proxy.endsOn())) {
      return Decision.deny(Layer.REPRESENTATION, "PROXY_EXPIRED");
    }
    if (!facts.state().isAvailable()) {
      return Decision.deny(Layer.RECORD_STATE, "RECORD_NOT_AVAILABLE");
    }
    return Decision.permit(Layer.REPRESENTATION, "PROXY");
  }

  /** What is the patient's own: a proxy, even a current one, is refused it. */
  private static Decision reservedToPatient(Decision patientSide, AccessFacts facts) {
    return patientSide.permitted() && facts.relationship() == Relationship.PROXY
        ? Decision.deny(Layer.REPRESENTATION, "PROXY_RESERVED_TO_PATIENT")
        : patientSide;
  }

  // ---- Writing ------------------------------------------------------------------------------

  /**
   * Whether the actor may file a document of this class in the record: a professional with the
   * matrix's write right in an open record (no agreement needed: care feeds the record without a
   * click); the patient, documents of class PATIENT in their own open record.
   */
  public Decision mayPublish(Actor actor, AccessFacts facts, String classCode) {
    switch (actor.role()) {
      case PROFESSIONAL -> {
        if (!identified(actor)) {
          return Decision.deny(Layer.IDENTITY, "PROFESSIONAL_IDENTITY_INCOMPLETE");
        }
        if (!facts.state().isAvailable()) {
          return Decision.deny(Layer.RECORD_STATE, "RECORD_NOT_AVAILABLE");
        }
        return facts.matrix().on(classCode).mayWrite()
            ? Decision.permit(Layer.MATRIX, "MATRIX_WRITE")
            : Decision.deny(Layer.MATRIX, "DENIED_BY_MATRIX");
      }
      case PATIENT -> {
        if (facts.relationship() == Relationship.PROXY) {
          return reservedToPatient(proxySide(facts), facts);
        }
        if (facts.relationship() != Relationship.OWNER) {
          return Decision.deny(Layer.IDENTITY, "NOT_OWN_RECORD");
        }
        if (!facts.state().isAvailable()) {
          return Decision.deny(Layer.RECORD_STATE, "RECORD_NOT_AVAILABLE");
        }
        return PATIENT_CLASS.equals(classCode)
            ? Decision.permit(Layer.ROLE, "PATIENT_UPLOAD")
            : Decision.deny(Layer.ROLE, "PATIENT_UPLOADS_ONLY_PATIENT_CLASS");
      }
      case APP -> {
        Decision app = appGate(facts);
        if (!app.permitted()) {
          return app;
        }
        if (!facts.app().grants(AppStanding.WRITE_DOCUMENTS)) {
          return Decision.deny(Layer.APP, Refusal.APP_SCOPE_NOT_GRANTED);
        }
        return PATIENT_CLASS.equals(classCode)
            ? Decision.permit(Layer.APP, "APP_PATIENT_UPLOAD")
            : Decision.deny(Layer.ROLE, "PATIENT_UPLOADS_ONLY_PATIENT_CLASS");
      }
      default -> {
        return Decision.deny(Layer.ROLE, "ROLE_NOT_ALLOWED");
      }
    }
  }

  /**
   * Whether the actor may change a document's life: replace it with a new version, withdraw it,
   * release it to the patient. Only its author, on a current document of an open record.
   */
  public Decision mayAmend(Actor actor, AccessFacts facts, DocumentFacts document) {
    if (!actor.is(Role.PROFESSIONAL)) {
      return Decision.deny(Layer.ROLE, "ROLE_NOT_ALLOWED");
    }
    if (!identified(actor)) {
      return Decision.deny(Layer.IDENTITY, "PROFESSIONAL_IDENTITY_INCOMPLETE");
    }
    if (!facts.state().isAvailable()) {
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
   * Whether the actor may add an entry to the medical profile: a professional as for a document of
   * the class that governs the entry's kind; the patient, in their own record, as self-declared.
   */
  public Decision mayWriteProfile(Actor actor, AccessFacts facts, String classCode) {
    if (actor.is(Role.APP)) {
      // No scope writes the profile: documents:write files PATIENT documents only.
      return Decision.deny(Layer.ROLE, "ROLE_NOT_ALLOWED");
    }
    if (actor.is(Role.PATIENT)) {
      if (facts.relationship() == Relationship.PROXY) {
        return reservedToPatient(proxySide(facts), facts);
      }
      if (facts.relationship() != Relationship.OWNER) {
        return Decision.deny(Layer.IDENTITY, "NOT_OWN_RECORD");
      }
      return facts.state().isAvailable()
          ? Decision.permit(Layer.ROLE, "SELF_DECLARED")
          : Decision.deny(Layer.RECORD_STATE, "RECORD_NOT_AVAILABLE");
    }
    return mayPublish(actor, facts, classCode);
  }

  // ---- The account's life -------------------------------------------------------------------

  /**
   * Whether the actor may act on the record as an account. The person (or their representative) and
   * the call centre's agents act on the account, never on its content; activation is the person's
   * own act with their code; code reissue and unlocking are the agent's, after identifying the
   * caller; death is declared by an administrator. Whether the record's state allows the action is
   * the record's own rule.
   */
  public Decision mayChangeAccount(Actor actor, AccessFacts facts, LifecycleAction action) {
    return switch (action) {
      case ACTIVATE ->
          actor.is(Role.PATIENT)
              ? reservedToPatient(patientSide(facts), facts)
              : Decision.deny(Layer.ROLE, "ROLE_NOT_ALLOWED");
      case READ_ACCOUNT ->
          switch (actor.role()) {
            case PATIENT -> patientSide(facts);
            case AGENT -> Decision.permit(Layer.ROLE, "CALL_CENTRE");
            default -> Decision.deny(Layer.ROLE, "ROLE_NOT_ALLOWED");
          };
      // Opposition, closure and their undoing are the person's (or their representative's).
      case OPPOSE, WITHDRAW_OPPOSITION, CLOSE, REOPEN ->
          switch (actor.role()) {
            case PATIENT -> reservedToPatient(patientSide(facts), facts);
            case AGENT -> Decision.permit(Layer.ROLE, "CALL_CENTRE");
            default -> Decision.deny(Layer.ROLE, "ROLE_NOT_ALLOWED");
          };
      case DELETE_NOW ->
          switch (actor.role()) {
            case PATIENT -> {
              Decision patientSide = reservedToPatient(patientSide(facts), facts);
              // A minor's record outlives what their parents decide: they may close it, not
              // destroy it.
              yield patientSide.permitted()
                      && facts.representation() != null
                      && facts.representation().kind() == Representation.Kind.MINOR
                  ? Decision.deny(Layer.REPRESENTATION, "REPRESENTATIVE_OF_MINOR")
                  : patientSide;
            }
            // The agent's deletion waits for a second staff member (LifecycleService).
            case AGENT -> Decision.permit(Layer.ROLE, "CALL_CENTRE");
            default -> Decision.deny(Layer.ROLE, "ROLE_NOT_ALLOWED");
          };
      case REISSUE_CODE, UNLOCK_ACTIVATION ->
          actor.is(Role.AGENT)
              ? Decision.permit(Layer.ROLE, "CALL_CENTRE")
              : Decision.deny(Layer.ROLE, "ROLE_NOT_ALLOWED");
      case DECLARE_DEATH ->
          actor.is(Role.ADMIN)
              ? Decision.permit(Layer.ROLE, "ROLE_ALLOWED")
              : Decision.deny(Layer.ROLE, "ROLE_NOT_ALLOWED");
    };
  }

  // ---- The patient's controls and grants ------------------------------------------------------

  /**
   * Whether the actor may see and change the patient's controls (masks, blocks, designated GP,
   * settings, grants, research preferences) and ask what a professional would see: the patient or a
   * representative acting for them.
   */
  public Decision mayManageControls(Actor actor, AccessFacts facts) {
    if (!actor.is(Role.PATIENT)) {
      return Decision.deny(Layer.ROLE, "ROLE_NOT_ALLOWED");
    }
    Decision patientSide = patientSide(facts);
    if (!patientSide.permitted() || facts.relationship() != Relationship.PROXY) {
      return patientSide;
    }
    return facts.proxy().scope() == ProxyScope.READ_AND_MANAGE
        ? Decision.permit(Layer.REPRESENTATION, "PROXY_MANAGE")
        : Decision.deny(Layer.REPRESENTATION, "PROXY_READ_ONLY");
  }

  /**
   * Whether the actor may change a control in the direction that widens access: lift a mask or a
   * block, designate a GP (who sees masked documents), switch emergency access on; or change the
   * research choices (secondary use). The patient or a representative, never a proxy: a proxy
   * narrows, the patient widens.
   */
  public Decision mayWidenAccess(Actor actor, AccessFacts facts) {
    return actor.is(Role.PATIENT)
        ? reservedToPatient(patientSide(facts), facts)
        : Decision.deny(Layer.ROLE, "ROLE_NOT_ALLOWED");
  }

  /**
   * The day from which a standing agreement the actor gives can no longer run, or null when it may
   * run until revoked: a minor's representative gives one at most until the minor's majority, when
   * their authority ends and the person, of age, chooses again; the patient (or a protected adult's
   * guardian) is bounded by the configured maximum alone.
   */
  public LocalDate standingAgreementLimit(AccessFacts facts) {
    Representation representation = facts.representation();
    return representation != null && representation.kind() == Representation.Kind.MINOR
        ? representation.representedBirthDate().plusYears(settings.majorityAge())
        : null;
  }

  /**
   * Whether the actor may make this change of the patient's controls: the patient's side as {@link
   * #mayManageControls} (narrowing) or {@link #mayWidenAccess} (widening) say; a call-centre agent,
   * on the caller's request, only once they confirmed the caller is the person (INS and traits, and
   * a one-time code at the registered contact when there is one), which the facts carry. Never a
   * document mask: an agent never sees titles, so document masks stay the patient's own tools.
   */
  public Decision mayChangeControl(Actor actor, AccessFacts facts, ControlChange change) {
    return switch (actor.role()) {
      case PATIENT ->
          change.widens() ? mayWidenAccess(actor, facts) : mayManageControls(actor, facts);
      case AGENT ->
          change == ControlChange.READ ? confirmedCaller(facts) : callerAsks(facts, change);
      default -> Decision.deny(Layer.ROLE, "ROLE_NOT_ALLOWED");
    };
  }

  /**
   * A change an agent makes for a caller: on a record still in use (a closed one, at death too, is
   * nobody's to change by phone), widening access only with the code the person received (the INS
   * and traits are what a relative also knows), narrowing once the caller is confirmed.
   */
  private static Decision callerAsks(AccessFacts facts, ControlChange change) {
    if (facts.state() == RecordState.CLOSED || facts.state() == RecordState.PURGED) {
      return Decision.deny(Layer.RECORD_STATE, "RECORD_CLOSED");
    }
    return change.widens() ? confirmedCallerWithCode(facts) : confirmedCaller(facts);
  }

  /**
   * Whether the actor may have the access history sent to the person at their registered contact:
   * the patient's side, or a call-centre agent who confirmed the caller. The agent never reads the
   * history ({@link #mayReadHistory} refuses them): the message only tells the person where it is.
   */
  public Decision mayRequestHistorySending(Actor actor, AccessFacts facts) {
    return switch (actor.role()) {
      case PATIENT -> patientSide(facts);
      case AGENT -> confirmedCaller(facts);
      default -> Decision.deny(Layer.ROLE, "ROLE_NOT_ALLOWED");
    };
  }

  /** An agent acting for a caller: only once the desk recorded that the caller is the person. */
  private static Decision confirmedCaller(AccessFacts facts) {
    return facts.callerConfirmed()
        ? Decision.permit(Layer.IDENTITY, "CALLER_CONFIRMED")
        : Decision.deny(Layer.IDENTITY, Refusal.CALLER_NOT_CONFIRMED);
  }

  /** As {@link #confirmedCaller}, and with the one-time code: what widens access needs it. */
  private static Decision confirmedCallerWithCode(AccessFacts facts) {
    return switch (facts.caller()) {
      case TRAITS_AND_CODE -> Decision.permit(Layer.IDENTITY, "CALLER_CONFIRMED");
      case TRAITS -> Decision.deny(Layer.IDENTITY, Refusal.CALLER_CODE_REQUIRED);
      case NONE -> Decision.deny(Layer.IDENTITY, Refusal.CALLER_NOT_CONFIRMED);
    };
  }

  /**
   * Whether the actor may read the record's access history: the patient's side, proxies of either
   * scope included (it is a read).
   */
  public Decision mayReadHistory(Actor actor, AccessFacts facts) {
    return actor.is(Role.PATIENT)
        ? patientSide(facts)
        : Decision.deny(Layer.ROLE, "ROLE_NOT_ALLOWED");
  }

  // ---- Proxies chosen by the patient --------------------------------------------------------

  /**
   * Whether the actor may see and revoke the record's proxies: the person alone. Not a
   * representative (a proxy is the person's own choice of trust), not a proxy, not staff.
   */
  public Decision mayManageProxies(Actor actor, AccessFacts facts) {
    if (!actor.is(Role.PATIENT)) {
      return Decision.deny(Layer.ROLE, "ROLE_NOT_ALLOWED");
    }
    return switch (facts.relationship()) {
      case OWNER -> Decision.permit(Layer.ROLE, "OWN_RECORD");
      case REPRESENTATIVE -> Decision.deny(Layer.REPRESENTATION, "RESERVED_TO_PATIENT");
      case PROXY -> reservedToPatient(proxySide(facts), facts);
      case NONE -> Decision.deny(Layer.IDENTITY, "NOT_OWN_RECORD");
    };
  }

  /**
   * Whether the actor may designate a proxy: the person alone, of age, on their open record. A
   * minor designates nobody: their parents represent them.
   */
  public Decision mayDesignateProxy(Actor actor, AccessFacts facts) {
    Decision manage = mayManageProxies(actor, facts);
    if (!manage.permitted()) {
      return manage;
    }
    if (!major(facts)) {
      return Decision.deny(Layer.REPRESENTATION, "MINOR_CANNOT_DESIGNATE_PROXY");
    }
    return facts.state().isAvailable()
        ? Decision.permit(Layer.ROLE, "OWN_RECORD")
        : Decision.deny(Layer.RECORD_STATE, "RECORD_NOT_AVAILABLE");
  }

  /** Whether the person is of age (an unknown birth date counts as a minor's). */
  private boolean major(AccessFacts facts) {
    return facts.personBirthDate() != null
        && !facts.today().isBefore(facts.personBirthDate().plusYears(settings.majorityAge()));
  }

  /**
   * Whether the actor may end the designation {@code proxyId}: the person (a revocation), or the
   * proxy themself giving up their own designation while it stands (ended ones end by themselves).
   */
  public Decision mayEndProxy(Actor actor, AccessFacts facts, java.util.UUID proxyId) {
    if (actor.is(Role.PATIENT) && facts.relationship() == Relationship.PROXY) {
      if (!facts.proxy().id().equals(proxyId)) {
        return Decision.deny(Layer.REPRESENTATION, "NOT_OWN_PROXY");
      }
      return facts.proxy().revoked()
          ? Decision.deny(Layer.REPRESENTATION, "PROXY_REVOKED")
          : Decision.permit(Layer.REPRESENTATION, "PROXY_RENOUNCE");
    }
    return mayManageProxies(actor, facts);
  }

  // ---- Portability ---------------------------------------------------------------------------

  /**
   * Whether the actor may download the record's portability export: the patient, or a
   * representative acting for them (what the export holds then follows the read rules, a minor's
   * secrets left out), whatever the record's state, since portability outlives an opposition or a
   * closure. Nobody else: an agent may only have it sent to the person ({@link
   * #mayRequestExportSending}), never receive it.
   */
  public Decision mayExport(Actor actor, AccessFacts facts) {
    // Never a proxy: what the record holds leaves it only at the patient's own request.
    return actor.is(Role.PATIENT)
        ? reservedToPatient(patientSide(facts), facts)
        : Decision.deny(Layer.ROLE, "ROLE_NOT_ALLOWED");
  }

  /**
   * Whether the actor may have the export sent to the patient's registered contact: the patient's
   * side, or a call-centre agent for a caller without a computer. The bytes never reach the agent.
   */
  public Decision mayRequestExportSending(Actor actor, AccessFacts facts) {
    return switch (actor.role()) {
      case PATIENT -> reservedToPatient(patientSide(facts), facts);
      // On the phone: once the desk confirmed the caller is the person (issue 19).
      case AGENT -> confirmedCaller(facts);
      default -> Decision.deny(Layer.ROLE, "ROLE_NOT_ALLOWED");
    };
  }

  /**
   * Whether a professional may open access to the record in this mode. A normal agreement needs no
   * more than an open record and a professional the patient has not blocked; break-glass and
   * regulation also need the patient's emergency access on, and regulation a regulating doctor.
   */
  public Decision mayGrant(Actor actor, AccessFacts facts, AccessMode mode) {
    if (!actor.is(Role.PROFESSIONAL)) {
      return Decision.deny(Layer.ROLE, "ROLE_NOT_ALLOWED");
    }
    Decision gate = professionalGate(actor, facts);
    if (!gate.permitted()) {
      return gate.in(mode);
    }
    if (mode == AccessMode.REGULATION
        && (actor.specialty() == null
            || !settings.regulationSpecialties().contains(actor.specialty()))) {
      return Decision.deny(Layer.ROLE, "NOT_A_REGULATION_DOCTOR").in(mode);
    }
    if (mode.isEmergency() && !facts.emergencyAccess()) {
      return Decision.deny(Layer.AGREEMENT, "EMERGENCY_ACCESS_DISABLED").in(mode);
    }
    Decision blocked = blocked(facts);
    if (blocked != null) {
      return blocked.in(mode);
    }
    return Decision.permit(Layer.AGREEMENT, "GRANTED_" + mode.name()).in(mode);
  }

  /**
   * Whether the actor may list, set or lift the restrictions that narrow care access as a whole: a
   * masked class of documents, a blocked organisation. The patient or a representative, all three
   * (a proxy: within its scope, and never lifting); a call-centre agent may list them and set one
   * on the caller's request (the trace names the agent), never lift one: lifting widens access to
   * clinical content, which staff never give, so it stays the patient's own act, online.
   */
  public Decision mayRestrict(Actor actor, AccessFacts facts, RestrictionAction action) {
    return switch (actor.role()) {
      // A proxy sees them, a managing proxy narrows, only the patient (or a representative)
      // widens.
      case PATIENT ->
          switch (action) {
            case LIST -> patientSide(facts);
            case SET -> mayManageControls(actor, facts);
            case LIFT, UNBLOCK -> mayWidenAccess(actor, facts);
          };
      case AGENT ->
          switch (action) {
            // On the phone (issue 19), once the desk confirmed the caller is the person: see and
            // set class masks and organisation blocks; lift a block with the code only.
            case LIST -> confirmedCaller(facts);
            case SET -> callerAsks(facts, ControlChange.SETTINGS);
            case UNBLOCK -> callerAsks(facts, ControlChange.UNBLOCK);
            case LIFT -> Decision.deny(Layer.ROLE, "AGENT_MAY_NOT_LIFT");
          };
      default -> Decision.deny(Layer.ROLE, "ROLE_NOT_ALLOWED");
    };
  }

  // ---- Secure messaging (issue 21) ----------------------------------------------------------

  /**
   * Whether the actor may write in a conversation of the record, or start one ({@code message} says
   * which, and what the conversation is to them). Only a professional starts a first exchange, with
   * a patient whose record is open and who has not blocked them or their organisation (the record
   * then behaves as absent, as for a read); the patient, or a representative for them, replies, or
   * writes first to a professional who already wrote to the record; never to another patient. An
   * opposed or closed record receives nothing. A proxy is not the person: the messaging with the
   * person's professionals stays the patient's own. Staff never write.
   */
  public Decision mayWriteMessage(Actor actor, AccessFacts facts, MessageFacts message) {
    switch (actor.role()) {
      case PROFESSIONAL -> {
        Decision professional = messagingProfessional(actor, facts, message);
        return professional.permitted()
            ? Decision.permit(Layer.ROLE, "MESSAGING_PROFESSIONAL")
            : professional;
      }
      case PATIENT -> {
        Decision side = messagingPatientSide(facts, message);
        if (!side.permitted()) {
          return side;
        }
        if (!facts.state().isAvailable()) {
          return Decision.deny(Layer.RECORD_STATE, "RECORD_NOT_AVAILABLE");
        }
        if (!message.counterpartIsProfessional()) {
          return Decision.deny(Layer.ROLE, "NOT_A_PROFESSIONAL_COUNTERPART");
        }
        if (!message.professionalWroteBefore()) {
          return Decision.deny(Layer.AGREEMENT, "PROFESSIONAL_NEVER_WROTE");
        }
        return side;
      }
      default -> {
        return Decision.deny(Layer.ROLE, "ROLE_NOT_ALLOWED");
      }
    }
  }

  /**
   * Whether the actor may read a conversation of the record and its messages: its professional
   * while the patient has not blocked them (their own words included: a block is a wall), the
   * patient and a representative (minus what was kept from representatives) in any state of the
   * record, so that what was written stays theirs. Agents, auditors and administrators never: they
   * see traces.
   */
  public Decision mayReadMessages(Actor actor, AccessFacts facts, MessageFacts message) {
    return switch (actor.role()) {
      case PROFESSIONAL -> {
        Decision professional = messagingProfessional(actor, facts, message);
        yield professional.permitted()
            ? Decision.permit(Layer.ROLE, "MESSAGING_PROFESSIONAL")
            : professional;
      }
      case PATIENT -> messagingPatientSide(facts, message);
      default -> Decision.deny(Layer.ROLE, "ROLE_NOT_ALLOWED");
    };
  }

  /**
   * Whether the actor may file a message's attachment into the record, in one action: as the
   * patient's own upload (class PATIENT), so by the person alone, who may read the message.
   */
  public Decision mayFileAttachment(Actor actor, AccessFacts facts, MessageFacts message) {
    if (!actor.is(Role.PATIENT)) {
      return Decision.deny(Layer.ROLE, "ROLE_NOT_ALLOWED");
    }
    Decision read = mayReadMessages(actor, facts, message);
    if (!read.permitted()) {
      return read;
    }
    return mayPublish(actor, facts, PATIENT_CLASS);
  }

  /**
   * Whether the actor may start a conversation by naming a patient (INS and traits), before any
   * look-up: an identified professional only, so that nobody else learns, from the answer, whether
   * an INS and traits match a record (as {@link #mayPushAppointments(Actor, String)}).
   */
  public Decision mayStartConversationByIns(Actor actor) {
    if (!actor.is(Role.PROFESSIONAL)) {
      return Decision.deny(Layer.ROLE, "ROLE_NOT_ALLOWED");
    }
    return identified(actor)
        ? Decision.permit(Layer.ROLE, "MESSAGING_PROFESSIONAL")
        : Decision.deny(Layer.IDENTITY, "PROFESSIONAL_IDENTITY_INCOMPLETE");
  }

  private Decision messagingProfessional(Actor actor, AccessFacts facts, MessageFacts message) {
    if (!identified(actor)) {
      return Decision.deny(Layer.IDENTITY, "PROFESSIONAL_IDENTITY_INCOMPLETE");
    }
    // The block first (as AG5 for the agenda): a blocked professional learns nothing of the
    // record's state, an opposition or a closure included.
    Decision blocked = blocked(facts);
    if (blocked != null) {
      return blocked;
    }
    if (!facts.state().isAvailable()) {
      return Decision.deny(Layer.RECORD_STATE, "RECORD_NOT_AVAILABLE");
    }
    if (!message.participant()) {
      return Decision.deny(Layer.IDENTITY, "NOT_A_PARTICIPANT");
    }
    // A pharmacy's conversation is its pharmacists': another professional of the FINESS (its
    // token carries it too) does not read what the patient sent the pharmacy.
    if (message.addressedToOrganisation() && !pharmacist(actor.profession())) {
      return Decision.deny(Layer.IDENTITY, Refusal.NOT_A_PHARMACIST);
    }
    return Decision.permit(Layer.ROLE, "MESSAGING_PROFESSIONAL");
  }

  /**
   * Whether the patient side may start a conversation with a pharmacy, named by FINESS and no RPPS,
   * with a prescription (issue 21: "send a prescription to a pharmacy they have already been to").
   * Carnet holds no dispensing data, so "been to" is what the record holds: a document a pharmacist
   * acting for that FINESS filed, neither withdrawn nor withheld from the patient, or a message one
   * wrote to the record. Nothing kept from the representatives counts, nor may be sent: every
   * conversation is theirs to read ({@code MESSAGE_SECRET_UNSUPPORTED}). Who may write is who
   * replies (the person, a representative; a proxy is not the person); the record is open; a
   * pharmacy the patient blocked receives nothing. The prescription is a document of the record of
   * a prescription class whose content Carnet holds, and that the caller may read, or attachments.
   */
  public Decision mayWriteToPharmacy(Actor actor, AccessFacts facts, PharmacyFacts pharmacy) {
    if (!actor.is(Role.PATIENT)) {
      return Decision.deny(Layer.ROLE, "ROLE_NOT_ALLOWED");
    }
    Decision side = messagingPatientSide(facts, MessageFacts.newFromPatient(true));
    if (!side.permitted()) {
      return side;
    }
    if (!facts.state().isAvailable()) {
      return Decision.deny(Layer.RECORD_STATE, "RECORD_NOT_AVAILABLE");
    }
    if (pharmacy.organisationBlocked()) {
      return Decision.deny(Layer.BLOCK, Refusal.PHARMACY_BLOCKED_BY_PATIENT);
    }
    if (pharmacy.contacts().stream().noneMatch(this::showsAVisit)) {
      return Decision.deny(Layer.AGREEMENT, Refusal.PHARMACY_NOT_VISITED);
    }
    PharmacyFacts.Prescription prescription = pharmacy.prescription();
    if (!prescription.referenced()) {
      return prescription.attached()
          ? side
          : Decision.deny(Layer.DOCUMENT_STATE, Refusal.PRESCRIPTION_REQUIRED);
    }
    DocumentFacts document = prescription.document();
    if (document == null) {
      return Decision.deny(Layer.DOCUMENT_STATE, Refusal.PRESCRIPTION_NOT_FOUND);
    }
    // The caller's own read of the document: withdrawn, withheld, a minor's secret for a parent.
    Decision read = mayRead(actor, facts, document);
    if (!read.permitted()) {
      return read;
    }
    if (document.hiddenFromRepresentatives()) {
      return Decision.deny(Layer.REPRESENTATION, Refusal.PRESCRIPTION_HIDDEN_FROM_REPRESENTATIVES);
    }
    if (!settings.prescriptionClasses().contains(document.classCode())) {
      return Decision.deny(Layer.DOCUMENT_STATE, Refusal.NOT_A_PRESCRIPTION);
    }
    if (!prescription.contentHeld()) {
      return Decision.deny(Layer.DOCUMENT_STATE, Refusal.PRESCRIPTION_CONTENT_ELSEWHERE);
    }
    return side;
  }

  /**
   * Whether the professional may list the conversations addressed to the organisation their token
   * acts for (a pharmacy's inbox): its pharmacists only. Each conversation listed is then decided
   * on its own record ({@link #mayReadMessages}): a patient's block of the FINESS hides theirs.
   */
  public Decision mayReadPharmacyInbox(Actor actor) {
    if (!actor.is(Role.PROFESSIONAL)) {
      return Decision.deny(Layer.ROLE, "ROLE_NOT_ALLOWED");
    }
    if (!identified(actor) || actor.finess() == null) {
      return Decision.deny(Layer.IDENTITY, "PROFESSIONAL_IDENTITY_INCOMPLETE");
    }
    return pharmacist(actor.profession())
        ? Decision.permit(Layer.ROLE, "MESSAGING_PHARMACIST")
        : Decision.deny(Layer.ROLE, "INBOX_OF_PHARMACISTS");
  }

  /** Whether a contact of the record with a FINESS shows the patient went to that pharmacy. */
  private boolean showsAVisit(PharmacyFacts.Contact contact) {
    if (!pharmacist(contact.authorProfession()) || contact.hiddenFromRepresentatives()) {
      return false;
    }
    return contact.source() == PharmacyFacts.Source.MESSAGE
        || (contact.status() != DocumentStatus.WITHDRAWN && !contact.withheldFromPatient());
  }

  private boolean pharmacist(String profession) {
    return profession != null && settings.pharmacistProfessions().contains(profession);
  }

  private Decision messagingPatientSide(AccessFacts facts, MessageFacts message) {
    if (facts.relationship() == Relationship.PROXY) {
      return Decision.deny(Layer.REPRESENTATION, "PROXY_RESERVED_TO_PATIENT");
    }
    Decision side = patientSide(facts);
    if (!side.permitted()) {
      return side;
    }
    if (!message.participant()) {
      return Decision.deny(Layer.IDENTITY, "NOT_A_PARTICIPANT");
    }
    if (facts.relationship() == Relationship.REPRESENTATIVE
        && message.hiddenFromRepresentatives()) {
      return Decision.deny(Layer.REPRESENTATION, "CONVERSATION_HIDDEN_FROM_REPRESENTATIVES");
    }
    return side;
  }

  // ---- Connected apps (issue 21) ------------------------------------------------------------

  /**
   * Whether an app may act on this record at all, before any scope: referenced in the catalogue and
   * not suspended (a suspension takes every right at once), the record its patient's own (an app
   * never acts for a representative or a proxy: its token names the person it acts for), open, and
   * connected by the patient with a grant neither revoked nor expired.
   */
  private static Decision appGate(AccessFacts facts) {
    AppStanding app = facts.app();
    switch (app.status()) {
      case SUSPENDED -> {
        return Decision.deny(Layer.APP, Refusal.APP_SUSPENDED);
      }
      case REFERENCED -> {}
      default -> {
        return Decision.deny(Layer.APP, Refusal.APP_NOT_REFERENCED);
      }
    }
    if (facts.relationship() != Relationship.OWNER) {
      return Decision.deny(Layer.IDENTITY, Refusal.NOT_OWN_RECORD);
    }
    if (!facts.state().isAvailable()) {
      return Decision.deny(Layer.RECORD_STATE, Refusal.RECORD_NOT_AVAILABLE);
    }
    return switch (app.connection()) {
      case LIVE -> Decision.permit(Layer.APP, "APP_GRANT");
      case EXPIRED -> Decision.deny(Layer.APP, Refusal.APP_GRANT_EXPIRED);
      case NONE, REVOKED -> Decision.deny(Layer.APP, Refusal.APP_NOT_CONNECTED);
    };
  }

  /**
   * Whether the actor may learn the id and state of the record it acts on without naming it (the
   * app's {@code /records/mine}, issue 21): an app, for its own patient, with a live grant of any
   * scope (every scope acts on that record), refused as any other app access when suspended,
   * unreferenced, revoked or expired, or when the record is not open. Nothing of the person's
   * identity comes with it. The patient's own {@code /records/mine} is {@link
   * AccountAction#READ_OWN_RECORD}.
   */
  public Decision mayKnowPatientRecord(Actor actor, AccessFacts facts) {
    return actor.is(Role.APP) ? appGate(facts) : Decision.deny(Layer.ROLE, "ROLE_NOT_ALLOWED");
  }

  /**
   * What an app sees of the record's documents: the classes the patient granted it, nothing the
   * patient masked (a mask hides from everyone but the patient and the GP), nothing withheld from
   * the patient, nothing a minor kept from their parents.
   */
  private static Visibility appVisibility(AccessFacts facts) {
    Decision gate = appGate(facts);
    if (!gate.permitted()) {
      return Visibility.refused(gate);
    }
    Set<String> classes = facts.app().readableClasses();
    if (classes.isEmpty()) {
      return Visibility.refused(Decision.deny(Layer.APP, Refusal.APP_SCOPE_NOT_GRANTED));
    }
    // A masked class is not readable at all: the profile and the summary read the classes alone,
    // not the masks the document list honours.
    Set<String> readable = new java.util.HashSet<>(classes);
    readable.removeAll(facts.maskedClasses());
    return new Visibility(
        gate, Set.copyOf(readable), true, null, true, true, facts.maskedClasses());
  }

  /** Whether an app may read one document, under {@link #appVisibility}. */
  private static Decision appRead(AccessFacts facts, DocumentFacts document) {
    Decision gate = appGate(facts);
    if (!gate.permitted()) {
      return gate;
    }
    if (document.status() == DocumentStatus.WITHDRAWN) {
      return Decision.deny(Layer.DOCUMENT_STATE, "WITHDRAWN");
    }
    if (document.withheldFromPatient()) {
      return Decision.deny(Layer.DOCUMENT_STATE, "WITHHELD_FROM_PATIENT");
    }
    if (document.hiddenFromRepresentatives()) {
      return Decision.deny(Layer.REPRESENTATION, "HIDDEN_FROM_REPRESENTATIVES");
    }
    if (document.masked() || facts.maskedClasses().contains(document.classCode())) {
      return Decision.deny(Layer.MASK, "MASKED_BY_PATIENT");
    }
    if (!facts.app().readableClasses().contains(document.classCode())) {
      return Decision.deny(Layer.APP, Refusal.APP_CLASS_NOT_GRANTED);
    }
    return gate;
  }

  /**
   * Whether the actor may see the apps connected to the record and revoke one: the person alone
   * (connecting an app widens access, like choosing a proxy, and the app's token is the person's
   * own), or a call-centre agent once they confirmed the caller is the person (a revocation only
   * narrows access: INS and traits suffice). Connecting one is the person's alone.
   */
  public Decision mayManageApps(Actor actor, AccessFacts facts, boolean connect) {
    return switch (actor.role()) {
      case PATIENT ->
          switch (facts.relationship()) {
            case OWNER ->
                connect && !facts.state().isAvailable()
                    ? Decision.deny(Layer.RECORD_STATE, Refusal.RECORD_NOT_AVAILABLE)
                    : connect && !major(facts)
                        // Connecting widens access like choosing a proxy: the same majority.
                        ? Decision.deny(Layer.REPRESENTATION, "MINOR_CANNOT_CONNECT_APP")
                        : Decision.permit(Layer.ROLE, "OWN_RECORD");
            case REPRESENTATIVE -> Decision.deny(Layer.REPRESENTATION, "RESERVED_TO_PATIENT");
            case PROXY -> reservedToPatient(proxySide(facts), facts);
            case NONE -> Decision.deny(Layer.IDENTITY, "NOT_OWN_RECORD");
          };
      case AGENT ->
          connect
              ? Decision.deny(Layer.ROLE, "ROLE_NOT_ALLOWED")
              : facts.state() == RecordState.PURGED
                  ? Decision.deny(Layer.RECORD_STATE, "RECORD_CLOSED")
                  : confirmedCaller(facts);
      default -> Decision.deny(Layer.ROLE, "ROLE_NOT_ALLOWED");
    };
  }

  // ---- Health agenda (issue 21) -------------------------------------------------------------

  /**
   * Whether the actor may push an appointment for the record (a new one, or a move or cancellation
   * of one it pushed): an identified professional (booking platforms and care software act with one
   * today; an app's token is the catalogue's), on an open record whose patient has not blocked them
   * or their organisation (the record then behaves as absent, as for a document push, whatever its
   * state); or a connected app with {@code appointments:write}, for its own patient ({@link
   * #appPushAppointment}). Each organisation (and each app) has its own namespace of platform ids;
   * one of its ids already used for another record is never moved there. A new appointment beyond
   * the pusher's cap of appointments to come in the record is refused (a move or a cancellation of
   * one it has is not), so that nobody floods a person's agenda.
   */
  public Decision mayPushAppointment(Actor actor, AccessFacts facts, AppointmentFacts appointment) {
    if (actor.is(Role.APP)) {
      return appPushAppointment(facts, appointment);
    }
    if (!actor.is(Role.PROFESSIONAL)) {
      return Decision.deny(Layer.ROLE, "ROLE_NOT_ALLOWED");
    }
    if (!identified(actor)) {
      return Decision.deny(Layer.IDENTITY, "PROFESSIONAL_IDENTITY_INCOMPLETE");
    }
    // The block before the record's state: a blocked professional learns nothing of the record,
    // not even that it is opposed or closed.
    Decision blocked = blocked(facts);
    if (blocked != null) {
      return blocked;
    }
    if (!facts.state().isAvailable()) {
      return Decision.deny(Layer.RECORD_STATE, "RECORD_NOT_AVAILABLE");
    }
    if (appointment.exists() && (!appointment.ownedByActor() || !appointment.sameRecord())) {
      return Decision.deny(Layer.IDENTITY, Refusal.APPOINTMENT_OF_ANOTHER_SOURCE.name());
    }
    if (appointment.beyondPusherCap()) {
      return Decision.deny(Layer.RECORD_STATE, Refusal.AGENDA_PUSHER_LIMIT.name());
    }
    return Decision.permit(Layer.ROLE, appointment.exists() ? "AGENDA_UPDATE" : "AGENDA_PUSH");
  }

  /**
   * Whether the actor may push appointments at all, before any patient is looked up: a professional
   * only, so that nobody else learns from the answer whether an INS and traits match a record.
   */
  public Decision mayPushAppointments(Actor actor) {
    return mayPushAppointments(actor, null);
  }

  /**
   * Whether the actor may push appointments at all, naming {@code namedIns} (null when the body
   * names nobody), before any look-up: a professional for anyone it names; an app only for the
   * person whose token it holds (issue 21, {@code appointments:write}), so that naming somebody
   * else, which would make the look-up an oracle of whose INS and traits match, is refused first.
   */
  public Decision mayPushAppointments(Actor actor, String namedIns) {
    return switch (actor.role()) {
      case PROFESSIONAL -> Decision.permit(Layer.ROLE, "AGENDA_PUSH");
      case APP ->
          namedIns == null || namedIns.equals(actor.ins())
              ? Decision.permit(Layer.APP, "APP_AGENDA_PUSH")
              : Decision.deny(Layer.IDENTITY, Refusal.NOT_OWN_RECORD);
      default -> Decision.deny(Layer.ROLE, "ROLE_NOT_ALLOWED");
    };
  }

  /**
   * Whether an app may push an appointment into the record (issue 21): the catalogue's checks first
   * (referenced, not suspended, its patient's own open record, a live grant), then the scope {@code
   * appointments:write}; a platform id already used by another source (a professional, the patient,
   * another app) or for another record is never taken over, nor is the app's taken by them. No
   * scope reads the agenda: an app writes and does not read.
   */
  private static Decision appPushAppointment(AccessFacts facts, AppointmentFacts appointment) {
    Decision app = appGate(facts);
    if (!app.permitted()) {
      return app;
    }
    if (!facts.app().grants(AppStanding.WRITE_APPOINTMENTS)) {
      return Decision.deny(Layer.APP, Refusal.APP_SCOPE_NOT_GRANTED);
    }
    if (appointment.exists() && (!appointment.ownedByActor() || !appointment.sameRecord())) {
      return Decision.deny(Layer.IDENTITY, Refusal.APPOINTMENT_OF_ANOTHER_SOURCE.name());
    }
    if (appointment.beyondPusherCap()) {
      return Decision.deny(Layer.RECORD_STATE, Refusal.AGENDA_PUSHER_LIMIT.name());
    }
    return Decision.permit(
        Layer.APP, appointment.exists() ? "APP_AGENDA_UPDATE" : "APP_AGENDA_PUSH");
  }

  /**
   * Whether the actor may read the record's agenda (appointments and prevention reminders): the
   * patient or a representative, in any state of the record (what was booked stays theirs), never a
   * proxy (as the messaging: the person's own relationship with their professionals). Nobody else:
   * a platform pushes and does not read, staff never read.
   */
  public Decision mayReadAgenda(Actor actor, AccessFacts facts) {
    if (!actor.is(Role.PATIENT)) {
      return Decision.deny(Layer.ROLE, "ROLE_NOT_ALLOWED");
    }
    return agendaPatientSide(facts);
  }

  /**
   * Whether the actor may add, change or delete an appointment of their own in the record, or
   * switch a prevention reminder off or on: the patient side as for reading, on an open record (an
   * opposed or closed one receives nothing), and only on their own appointments (never a
   * platform's).
   */
  public Decision mayWriteAgenda(Actor actor, AccessFacts facts, AppointmentFacts appointment) {
    Decision side = mayReadAgenda(actor, facts);
    if (!side.permitted()) {
      return side;
    }
    if (!facts.state().isAvailable()) {
      return Decision.deny(Layer.RECORD_STATE, "RECORD_NOT_AVAILABLE");
    }
    if (appointment.exists() && (!appointment.ownedByActor() || !appointment.sameRecord())) {
      return Decision.deny(Layer.IDENTITY, Refusal.NOT_OWN_APPOINTMENT.name());
    }
    return side;
  }

  /**
   * Whether Carnet may send a prevention reminder to the record: an open record only (an opposed,
   * closed or not yet open one gets none), for a rule the patient has not switched off.
   */
  public Decision mayRemind(RecordState state, boolean switchedOff) {
    if (!state.isAvailable()) {
      return Decision.deny(Layer.RECORD_STATE, "RECORD_NOT_AVAILABLE");
    }
    return switchedOff
        ? Decision.deny(Layer.BLOCK, "REMINDER_SWITCHED_OFF")
        : Decision.permit(Layer.RECORD_STATE, "REMINDER_DUE");
  }

  /**
   * Whether the patient side sees the appointments professionals pushed, or only those it added
   * itself: a representative sees only the latter. The agenda has no notion of a minor's secret yet
   * (a pushed appointment may be the one the minor keeps from their parents, art. L1111-5 CSP), so
   * nothing pushed is shown to parents until it has.
   */
  public Decision mayReadPushedAppointments(AccessFacts facts) {
    if (facts.relationship() == Relationship.REPRESENTATIVE) {
      return Decision.deny(Layer.REPRESENTATION, "PUSHED_APPOINTMENTS_HIDDEN_FROM_REPRESENTATIVES");
    }
    return Decision.permit(Layer.IDENTITY, "PUSHED_APPOINTMENTS");
  }

  /**
   * Whether the person is told that a professional or an app pushed an appointment: not a minor (an
   * unknown birth date counts as a minor's), whose contact may be a parent's, since the appointment
   * may be the one they keep from their parents (art. L1111-5 CSP): the minor reads their agenda in
   * their space. Of age, they are told, without content.
   */
  public Decision mayAnnounceAppointment(AccessFacts facts) {
    return major(facts)
        ? Decision.permit(Layer.IDENTITY, "APPOINTMENT_ANNOUNCED")
        : Decision.deny(Layer.REPRESENTATION, "MINORS_APPOINTMENTS_NOT_ANNOUNCED");
  }

  /**
   * Whether a record a professional names by INS (a push, a first message) is there for them at
   * all: a block makes it absent, decided before the traits are compared (as a record lookup), so
   * that the answer to a blocked professional never depends on whether their traits were right.
   */
  public Decision mayNameRecord(AccessFacts facts) {
    Decision blocked = blocked(facts);
    return blocked != null ? blocked : Decision.permit(Layer.IDENTITY, "RECORD_NAMED");
  }

  private Decision agendaPatientSide(AccessFacts facts) {
    if (facts.relationship() == Relationship.PROXY) {
      return Decision.deny(Layer.REPRESENTATION, "PROXY_RESERVED_TO_PATIENT");
    }
    return patientSide(facts);
  }

  /**
   * The block that applies to the professional, or null: the patient blocked them by RPPS, or the
   * organisation they act for by FINESS. Either way they see nothing, in any mode.
   */
  private static Decision blocked(AccessFacts facts) {
    if (facts.blocked()) {
      return Decision.deny(Layer.BLOCK, Refusal.BLOCKED_BY_PATIENT);
    }
    if (facts.organisationBlocked()) {
      return Decision.deny(Layer.BLOCK, Refusal.ORGANISATION_BLOCKED_BY_PATIENT);
    }
    return null;
  }

  private static boolean identified(Actor actor) {
    return actor.rpps() != null && actor.profession() != null;
  }

  private boolean writesOnly(Actor actor) {
    return actor.specialty() != null && settings.writeOnlySpecialties().contains(actor.specialty());
  }
}

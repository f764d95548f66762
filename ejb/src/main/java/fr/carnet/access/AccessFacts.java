package fr.carnet.access;

import fr.carnet.record.model.RecordState;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the policy needs to know of one record for one actor, loaded in one query.
 *
 * @param state the record's state
 * @param relationship what a patient-side caller is to the record
 * @param representation a representative's standing, when the relationship is one
 * @param today the date decisions are made on (majority)
 * @param emergencyAccess whether the patient allows break-glass and regulation access
 * @param grant the professional's strongest current grant on the record, or null
 * @param blocked whether the patient blocked this professional
 * @param designatedGp whether this professional is the patient's designated GP
 * @param matrix the professional's row of the authorisation matrix
 * @param maskedClasses the document classes the patient masked, future documents included
 * @param organisationBlocked whether the patient blocked the organisation (FINESS) the professional
 *     acts for
 * @param proxy a proxy's designation, when the relationship is one
 * @param personBirthDate the birth date of the record's person (a minor designates no proxy)
 * @param caller for a call-centre agent: how they confirmed, minutes ago, that the caller is the
 *     person (INS and traits, and the one-time code at the registered contact when there is one);
 *     the desk's changes of the person's controls need it (issue 19)
 * @param app for an app acting for the patient: its standing in the catalogue and the patient's
 *     connection of it (issue 21); {@link AppStanding#NONE} for anyone else
 */
public record AccessFacts(
    RecordState state,
    Relationship relationship,
    Representation representation,
    LocalDate today,
    boolean emergencyAccess,
    AccessMode grant,
    boolean blocked,
    boolean designatedGp,
    MatrixRow matrix,
    Set<String> maskedClasses,
    boolean organisationBlocked,
    ProxyStanding proxy,
    LocalDate personBirthDate,
    CallerConfirmation caller,
    AppStanding app) {

  public AccessFacts {
    app = app == null ? AppStanding.NONE : app;
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(relationship, "relationship");
    Objects.requireNonNull(today, "today");
    Objects.requireNonNull(matrix, "matrix");
    caller = caller == null ? CallerConfirmation.NONE : caller;
    maskedClasses = Set.copyOf(Objects.requireNonNull(maskedClasses, "maskedClasses"));
    if ((relationship == Relationship.REPRESENTATIVE) != (representation != null)) {
      throw new IllegalArgumentException("A representation goes with a representative");
    }
    if ((relationship == Relationship.PROXY) != (proxy != null)) {
      throw new IllegalArgumentException("A proxy's designation goes with a proxy");
    }
  }

  /** The facts of anyone but a confirmed agent: no caller confirmed. */
  public AccessFacts(
      RecordState state,
      Relationship relationship,
      Representation representation,
      LocalDate today,
      boolean emergencyAccess,
      AccessMode grant,
      boolean blocked,
      boolean designatedGp,
      MatrixRow matrix,
      Set<String> maskedClasses,
      boolean organisationBlocked,
      ProxyStanding proxy,
      LocalDate personBirthDate) {
    this(
        state,
        relationship,
        representation,
        today,
        emergencyAccess,
        grant,
        blocked,
        designatedGp,
        matrix,
        maskedClasses,
        organisationBlocked,
        proxy,
        personBirthDate,
        CallerConfirmation.NONE,
        AppStanding.NONE);
  }

  /** The facts of anyone but an app. */
  public AccessFacts(
      RecordState state,
      Relationship relationship,
      Representation representation,
      LocalDate today,
      boolean emergencyAccess,
      AccessMode grant,
      boolean blocked,
      boolean designatedGp,
      MatrixRow matrix,
      Set<String> maskedClasses,
      boolean organisationBlocked,
      ProxyStanding proxy,
      LocalDate personBirthDate,
      CallerConfirmation caller) {
    this(
        state,
        relationship,
        representation,
        today,
        emergencyAccess,
        grant,
        blocked,
        designatedGp,
        matrix,
        maskedClasses,
        organisationBlocked,
        proxy,
        personBirthDate,
        caller,
        AppStanding.NONE);
  }

  /** The same facts, with the app's standing and connection as they stand. */
  public AccessFacts withApp(AppStanding standing) {
    return new AccessFacts(
        state,
        relationship,
        representation,
        today,
        emergencyAccess,
        grant,
        blocked,
        designatedGp,
        matrix,
        maskedClasses,
        organisationBlocked,
        proxy,
        personBirthDate,
        caller,
        standing);
  }

  /** The same facts, with the agent's confirmation of the caller as it stands. */
  public AccessFacts withCaller(CallerConfirmation confirmed) {
    return new AccessFacts(
        state,
        relationship,
        representation,
        today,
        emergencyAccess,
        grant,
        blocked,
        designatedGp,
        matrix,
        maskedClasses,
        organisationBlocked,
        proxy,
        personBirthDate,
        confirmed,
        app);
  }

  /** Whether an agent confirmed the caller, by traits alone or with the code. */
  public boolean callerConfirmed() {
    return caller != CallerConfirmation.NONE;
  }
}

package fr.carnet.access.application;

import fr.carnet.access.AccessFacts;
import fr.carnet.access.AccessPolicy;
import fr.carnet.access.MatrixRow;
import fr.carnet.access.PolicySettings;
import fr.carnet.access.model.AppStandings;
import fr.carnet.access.model.RecordStanding;
import fr.carnet.access.model.RecordStandings;
import fr.carnet.reference.model.ReferenceData;
import fr.carnet.security.Actor;
import fr.carnet.security.Role;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Gathers the facts of an access and hands out the one {@link AccessPolicy}. Runs in the caller's
 * transaction: the facts are those the access's own trace is written with.
 */
@ApplicationScoped
public class AccessService {

  /** Majority, and so the end of a minor's representation, is reckoned on French civil time. */
  private static final ZoneId CIVIL_TIME = ZoneId.of("Europe/Paris");

  @Inject private RecordStandings standings;
  @Inject private AppStandings apps;
  @Inject private ReferenceData reference;
  @Inject private Clock clock;

  @Inject
  @ConfigProperty(name = "carnet.access.majority-age", defaultValue = "18")
  private int majorityAge;

  @Inject
  @ConfigProperty(
      name = "carnet.access.write-only-specialties",
      defaultValue = "occupational-health")
  private String writeOnlySpecialties;

  @Inject
  @ConfigProperty(name = "carnet.access.regulation-specialties", defaultValue = "emergency")
  private String regulationSpecialties;

  /** Who is a pharmacist, to the messaging's pharmacy case (issue 21): RPPS profession codes. */
  @Inject
  @ConfigProperty(name = "carnet.messaging.pharmacist-professions", defaultValue = "21")
  private String pharmacistProfessions;

  /** The document classes a patient may send to a pharmacy as a prescription. */
  @Inject
  @ConfigProperty(name = "carnet.messaging.prescription-classes", defaultValue = "PRESCRIPTION")
  private String prescriptionClasses;

  private AccessPolicy policy;

  @PostConstruct
  void configure() {
    policy =
        new AccessPolicy(
            new PolicySettings(
                majorityAge,
                list(writeOnlySpecialties),
                list(regulationSpecialties),
                list(pharmacistProfessions),
                list(prescriptionClasses)));
  }

  public AccessPolicy policy() {
    return policy;
  }

  /** The facts of the record for the actor; a record that does not exist is a 404. */
  public AccessFacts facts(Actor actor, UUID recordId) {
    Instant now = clock.instant();
    RecordStanding standing =
        standings
            .of(actor, recordId, now)
            .orElseThrow(() -> new CarnetException(ErrorCode.RECORD_NOT_FOUND));
    reference.sync(standing.referenceVersion());
    MatrixRow matrix =
        actor.is(Role.PROFESSIONAL) && actor.profession() != null
            ? reference.matrixRow(actor.profession(), actor.specialty())
            : MatrixRow.EMPTY;
    AccessFacts facts =
        new AccessFacts(
            standing.state(),
            standing.relationship(),
            standing.representation(),
            now.atZone(CIVIL_TIME).toLocalDate(),
            standing.emergencyAccess(),
            standing.grant(),
            standing.blocked(),
            standing.designatedGp(),
            matrix,
            standing.maskedClasses(),
            standing.organisationBlocked(),
            standing.proxy(),
            standing.personBirthDate(),
            standing.caller());
    // An app's standing and grant are read for an app alone: nobody else pays the query.
    return actor.is(Role.APP) ? facts.withApp(apps.of(actor.app(), recordId, now)) : facts;
  }

  // Comma-separated; read as text, since Payara cannot inject an optional list.
  private static Set<String> list(String values) {
    return Arrays.stream(values.split(","))
        .map(String::trim)
        .filter(value -> !value.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }
}

package fr.carnet.record.application;

import fr.carnet.access.AccessFacts;
import fr.carnet.access.Decision;
import fr.carnet.access.Visibility;
import fr.carnet.access.application.AccessGate;
import fr.carnet.access.application.AccessService;
import fr.carnet.audit.model.TraceAction;
import fr.carnet.audit.model.TraceSubject;
import fr.carnet.record.model.Author;
import fr.carnet.record.model.ProfileEntry;
import fr.carnet.record.model.ProfileRepository;
import fr.carnet.reference.model.ReferenceData;
import fr.carnet.security.Actor;
import fr.carnet.security.Role;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The medical profile: entries with their provenance, written and read under the rules. */
@Stateless
public class ProfileService {

  private static final int MAX_TEXT = 500;

  @Inject private ProfileRepository profile;
  @Inject private ReferenceData reference;
  @Inject private AccessGate gate;
  @Inject private AccessService access;
  @Inject private Clock clock;

  /** Organisations whose entries are certified, such as the blood service for blood groups. */
  @Inject
  @ConfigProperty(name = "carnet.profile.certified-finess")
  private Optional<String> certifiedFiness;

  public ProfileEntry add(Actor actor, UUID recordId, ProfileCommand command) {
    if (command.label() == null
        || command.label().isBlank()
        || command.label().length() > MAX_TEXT
        || (command.value() != null && command.value().length() > MAX_TEXT)) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED, "label is required; label and value at most 500 characters");
    }
    String classCode =
        reference
            .classOfProfileCategory(command.category())
            .orElseThrow(() -> new CarnetException(ErrorCode.PROFILE_CATEGORY_UNKNOWN));
    Decision decision =
        access.policy().mayWriteProfile(actor, access.facts(actor, recordId), classCode);
    if (!decision.permitted()) {
      // Nothing filed: the trace keeps the secrecy asked for, so a refused secret stays one.
      gate.pass(
          actor,
          TraceAction.PROFILE_WRITE,
          recordId,
          TraceSubject.unfiled(false, command.hiddenFromRepresentatives()),
          decision,
          command.category(),
          ErrorCode.FORBIDDEN);
    }
    ProfileEntry entry =
        new ProfileEntry(
            recordId,
            command.category(),
            command.label(),
            command.value(),
            command.recordedAt() == null ? clock.instant() : command.recordedAt(),
            source(actor),
            actor.is(Role.PATIENT)
                ? Author.patient()
                : Author.professional(
                    actor.rpps(), actor.profession(), actor.specialty(), actor.finess()),
            command.hiddenFromRepresentatives());
    profile.store(entry);
    // The trace names the entry (in its document column: one subject per trace, see the README).
    gate.pass(
        actor,
        TraceAction.PROFILE_WRITE,
        recordId,
        TraceSubject.of(entry.id(), false, entry.hiddenFromRepresentatives()),
        decision,
        command.category(),
        ErrorCode.FORBIDDEN);
    return entry;
  }

  /**
   * The entries the caller may see, newest first, each with its provenance; a representative is
   * never shown a minor's secret entry. A read of the list, like a search, concerns no one entry.
   */
  public List<ProfileEntry> entries(Actor actor, UUID recordId) {
    AccessFacts facts = access.facts(actor, recordId);
    Visibility visibility = access.policy().visibility(actor, facts);
    gate.pass(
        actor,
        TraceAction.PROFILE_READ,
        recordId,
        TraceSubject.NONE,
        visibility.decision(),
        null,
        ErrorCode.FORBIDDEN);
    return profile.entries(recordId, visibility).stream()
        .filter(
            entry ->
                access
                    .policy()
                    .mayReadProfileEntry(actor, facts, entry.hiddenFromRepresentatives())
                    .permitted())
        .toList();
  }

  private ProfileEntry.Source source(Actor actor) {
    if (actor.is(Role.PATIENT)) {
      return ProfileEntry.Source.PATIENT;
    }
    // Comma-separated; read as text, since Payara cannot inject an optional list.
    List<String> certified = List.of(certifiedFiness.orElse("").split("\\s*,\\s*"));
    return actor.finess() != null && certified.contains(actor.finess())
        ? ProfileEntry.Source.CERTIFIED
        : ProfileEntry.Source.PROFESSIONAL;
  }
}

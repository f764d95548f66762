package fr.carnet.record.application;

import fr.carnet.access.AccessFacts;
import fr.carnet.access.AccessPolicy;
import fr.carnet.access.Visibility;
import fr.carnet.access.application.AccessGate;
import fr.carnet.access.application.AccessService;
import fr.carnet.audit.model.TraceAction;
import fr.carnet.audit.model.TraceSubject;
import fr.carnet.identity.model.IdentityRepository;
import fr.carnet.identity.model.PatientIdentity;
import fr.carnet.record.model.DocumentListing;
import fr.carnet.record.model.DocumentQuery;
import fr.carnet.record.model.DocumentRepository;
import fr.carnet.record.model.DocumentStatus;
import fr.carnet.record.model.ProfileEntry;
import fr.carnet.record.model.ProfileRepository;
import fr.carnet.security.Actor;
import fr.carnet.security.Role;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The patient summary (IPS-shaped): the medical profile and the current result documents, as the
 * caller may see them, in one transaction with one trace ({@link TraceAction#SUMMARY_READ}).
 *
 * <p>The policy decides as for the record's other reads: the record's {@link Visibility} (a
 * refusal, or the classes, masks and flags to honour) restricts the queries, and each entry and
 * document is then asked of the policy again ({@link AccessPolicy#mayReadProfileEntry}, {@link
 * AccessPolicy#mayRead}), so that what a caller may not see is absent, never marked.
 */
@Stateless
public class SummaryService {

  @Inject private AccessService access;
  @Inject private AccessGate gate;
  @Inject private ProfileRepository profile;
  @Inject private DocumentRepository documents;
  @Inject private IdentityRepository identities;
  @Inject private Clock clock;

  /** At most this many current documents of each result class, newest first: bounded work. */
  @Inject
  @ConfigProperty(name = "carnet.summary.max-documents", defaultValue = "20")
  private int maxDocuments;

  public PatientSummary summary(Actor actor, UUID recordId) {
    AccessFacts facts = access.facts(actor, recordId);
    AccessPolicy policy = access.policy();
    Visibility visibility = policy.visibility(actor, facts);
    if (!visibility.decision().permitted()) {
      traced(actor, recordId, visibility, null);
    }
    PatientIdentity identity =
        identities
            .findByRecordId(recordId)
            .orElseThrow(() -> new CarnetException(ErrorCode.RECORD_NOT_FOUND));
    List<ProfileEntry> entries =
        profile.entries(recordId, visibility).stream()
            .filter(
                e ->
                    policy
                        .mayReadProfileEntry(actor, facts, e.hiddenFromRepresentatives())
                        .permitted())
            .toList();
    List<DocumentListing> found = new ArrayList<>();
    int limit = Math.max(1, Math.min(maxDocuments, DocumentQuery.MAX_LIMIT));
    for (String classCode : SummarySection.RESULTS.documentClasses()) {
      DocumentQuery query =
          new DocumentQuery(classCode, null, null, null, null, DocumentStatus.CURRENT, null, limit);
      documents.search(recordId, query, visibility).stream()
          .filter(d -> policy.mayRead(actor, facts, DocumentService.documentFacts(d)).permitted())
          .forEach(found::add);
    }
    traced(actor, recordId, visibility, detail(found, entries));
    // The INS as a lookup would show it: to the patient side, and to a professional with an
    // agreement; the designated GP without one sees the traits.
    boolean ins =
        !actor.is(Role.PROFESSIONAL) || policy.identityDisclosure(actor, facts, false).ins();
    return new PatientSummary(
        UUID.randomUUID(),
        recordId,
        ins ? identity.ins() : null,
        identity.traits(),
        clock.instant(),
        entries,
        List.copyOf(found));
  }

  /**
   * The one trace of the request: a read of the record's clinical data, naming what it gave (as a
   * search names what it found) for the auditors; a refusal is refused here.
   */
  private void traced(Actor actor, UUID recordId, Visibility visibility, String detail) {
    gate.pass(
        actor,
        TraceAction.SUMMARY_READ,
        recordId,
        TraceSubject.NONE,
        visibility.decision(),
        detail,
        ErrorCode.FORBIDDEN);
  }

  private static String detail(List<DocumentListing> found, List<ProfileEntry> entries) {
    return "documents:"
        + found.stream().map(d -> d.id().toString()).collect(Collectors.joining(","))
        + " entries:"
        + entries.stream().map(e -> e.id().toString()).collect(Collectors.joining(","));
  }
}

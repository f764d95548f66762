package fr.carnet.record.application;

import fr.carnet.access.AccessPolicy;
import fr.carnet.access.Visibility;
import fr.carnet.access.application.AccessGate;
import fr.carnet.access.application.AccessService;
import fr.carnet.audit.model.TraceAction;
import fr.carnet.audit.model.TraceSubject;
import fr.carnet.record.model.SubmissionSet;
import fr.carnet.record.model.SubmissionSetQuery;
import fr.carnet.record.model.SubmissionSetRepository;
import fr.carnet.reference.model.DocumentType;
import fr.carnet.security.Actor;
import fr.carnet.security.Role;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * IHE MHD SubmissionSets: kept with the documents of a Provide Document Bundle (ITI-65), in the
 * same transaction, and found again (ITI-66) through the same visibility as a document search. A
 * set shows a caller only the documents that caller may see, and a set none of whose documents they
 * may see does not exist for them.
 */
@Stateless
public class SubmissionSetService {

  @Inject private DocumentService documents;
  @Inject private SubmissionSetRepository sets;
  @Inject private AccessService access;
  @Inject private AccessGate gate;
  @Inject private Clock clock;

  /** What the submitter said of the set itself; null fields were not given. */
  public record Described(
      String uniqueId, String sourceId, DocumentType designationType, String title) {}

  /** A provided bundle: the set (and whether this submission created it) and its documents. */
  public record Provided(SubmissionSet set, boolean created, List<Published> documents) {}

  /**
   * Files the documents as {@link DocumentService#publishAll} does (each decided and traced, all or
   * nothing), then keeps the set that names them, in the same transaction: a set that cannot be
   * kept files no document either. The same submission again is answered with the set it made; a
   * used unique id for other documents is a conflict.
   */
  public Provided provide(Actor actor, Described described, List<DocumentService.Submitted> list) {
    List<Published> filed = documents.publishAll(actor, list);
    UUID recordId = filed.get(0).document().recordId();
    if (filed.stream().anyMatch(p -> !p.document().recordId().equals(recordId))) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED, "A submission set is about one patient: one record");
    }
    List<UUID> entries = filed.stream().map(p -> p.document().id()).toList();
    String source = actor.is(Role.PATIENT) ? "patient:" + recordId : actor.finess();
    String uniqueId =
        described.uniqueId() == null ? "urn:uuid:" + UUID.randomUUID() : described.uniqueId();
    if (uniqueId.length() > 256) {
      throw new CarnetException(ErrorCode.VALIDATION_FAILED, "List.identifier is 256 at most");
    }
    Optional<SubmissionSet> before = sets.filedBy(source, uniqueId);
    if (before.isPresent()) {
      return replay(before.get(), entries, filed);
    }
    Instant now = clock.instant();
    SubmissionSet set =
        new SubmissionSet(
            UUID.randomUUID(),
            recordId,
            source,
            uniqueId,
            bounded(described.sourceId(), 256, "sourceId"),
            designation(described.designationType()),
            bounded(described.title(), 500, "title"),
            actor.rpps(),
            now,
            now,
            entries);
    if (!sets.save(set)) {
      // Kept by a concurrent push of the same submission a moment ago.
      return replay(
          sets.filedBy(source, uniqueId)
              .orElseThrow(() -> new CarnetException(ErrorCode.DOCUMENT_CONFLICT)),
          entries,
          filed);
    }
    return new Provided(set, true, filed);
  }

  private static Provided replay(SubmissionSet set, List<UUID> entries, List<Published> filed) {
    if (!set.entries().equals(entries)) {
      throw new CarnetException(
          ErrorCode.DOCUMENT_CONFLICT,
          "This submission set's unique id was already used for other documents");
    }
    return new Provided(set, false, filed);
  }

  /** A page of a record's sets with a document the caller may see, traced as a search. */
  public List<SubmissionSet> search(Actor actor, UUID recordId, SubmissionSetQuery query) {
    Visibility visibility = visibility(actor, recordId);
    List<SubmissionSet> found = sets.search(recordId, query, visibility);
    trace(actor, recordId, visibility, found);
    return found;
  }

  /** One set, as the caller may see it; empty (traced all the same) when they see none of it. */
  public Optional<SubmissionSet> read(Actor actor, UUID setId) {
    UUID recordId =
        sets.recordOf(setId).orElseThrow(() -> new CarnetException(ErrorCode.NOT_FOUND));
    Visibility visibility = visibility(actor, recordId);
    Optional<SubmissionSet> found = sets.find(setId, visibility);
    trace(actor, recordId, visibility, found.stream().toList());
    return found;
  }

  /** The policy's visibility over the record; a refusal is traced and refused here. */
  private Visibility visibility(Actor actor, UUID recordId) {
    Visibility visibility = policy().visibility(actor, access.facts(actor, recordId));
    if (!visibility.decision().permitted()) {
      gate.pass(
          actor,
          TraceAction.DOCUMENT_SEARCH,
          recordId,
          TraceSubject.NONE,
          visibility.decision(),
          null,
          ErrorCode.FORBIDDEN);
    }
    return visibility;
  }

  /** The listing's trace names the documents it showed, as a document search's does. */
  private void trace(Actor actor, UUID recordId, Visibility visibility, List<SubmissionSet> shown) {
    String ids =
        shown.stream()
            .flatMap(s -> s.entries().stream())
            .distinct()
            .map(UUID::toString)
            .collect(Collectors.joining(","));
    gate.pass(
        actor,
        TraceAction.DOCUMENT_SEARCH,
        recordId,
        TraceSubject.NONE,
        visibility.decision(),
        ids,
        ErrorCode.FORBIDDEN);
  }

  private AccessPolicy policy() {
    return access.policy();
  }

  /** The designation as the columns hold it: a longer one is the submitter's error, not a 500. */
  private static DocumentType designation(DocumentType type) {
    if (type != null) {
      bounded(type.system(), 128, "designationType.system");
      bounded(type.code(), 64, "designationType.code");
    }
    return type;
  }

  private static String bounded(String text, int max, String name) {
    if (text != null && text.length() > max) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED, "List " + name + " is " + max + " characters at most");
    }
    return text;
  }
}

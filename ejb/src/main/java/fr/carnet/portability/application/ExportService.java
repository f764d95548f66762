package fr.carnet.portability.application;

import fr.carnet.access.AccessFacts;
import fr.carnet.access.AccessPolicy;
import fr.carnet.access.Decision;
import fr.carnet.access.Layer;
import fr.carnet.access.Relationship;
import fr.carnet.access.Visibility;
import fr.carnet.access.application.AccessGate;
import fr.carnet.access.application.AccessService;
import fr.carnet.access.model.GrantRepository;
import fr.carnet.audit.application.AuditService;
import fr.carnet.audit.model.TraceAction;
import fr.carnet.consent.model.ConsentRepository;
import fr.carnet.consent.model.RepresentativeRepository;
import fr.carnet.notification.application.Notifications;
import fr.carnet.portability.model.ExportLocks;
import fr.carnet.record.application.DocumentService;
import fr.carnet.record.model.ContentStore;
import fr.carnet.record.model.DocumentRepository;
import fr.carnet.record.model.ProfileEntry;
import fr.carnet.record.model.ProfileRepository;
import fr.carnet.record.model.Record;
import fr.carnet.record.model.RecordRepository;
import fr.carnet.security.Actor;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The portability export: decided by the {@link AccessPolicy} through the gate and traced once, in
 * this transaction, then handed out as a {@link RecordExport} that the web layer streams after it.
 * One export at a time per record ({@link ExportLocks}): a second one is refused, traced too.
 */
@Stateless
public class ExportService {

  @Inject private AccessService access;
  @Inject private AccessGate gate;
  @Inject private ExportLocks locks;
  @Inject private ExportSigner signer;
  @Inject private RecordRepository records;
  @Inject private DocumentRepository documents;
  @Inject private ContentStore contents;
  @Inject private ProfileRepository profile;
  @Inject private ConsentRepository consents;
  @Inject private GrantRepository grants;
  @Inject private RepresentativeRepository representatives;
  @Inject private AuditService audit;
  @Inject private Notifications notifications;
  @Inject private Clock clock;

  /** A masked document, as the masks list shows it. */
  public record MaskView(UUID documentId, String classCode, String title, Instant maskedAt) {}

  /** A current agreement of a professional (a grant), with its mode and dates. */
  public record AgreementView(
      UUID id,
      String rpps,
      String profession,
      String finess,
      String mode,
      String reason,
      Instant grantedAt,
      Instant expiresAt) {}

  /** A legal representation of the record, current or ended (never the representative's INS). */
  public record RepresentativeView(
      UUID id,
      String kind,
      String relationship,
      String status,
      Instant registeredAt,
      Instant decidedAt,
      Instant endedAt) {}

  /** The research preferences: global opposition, then the choice per study. */
  public record ResearchView(
      boolean globalOpposition, Map<String, String> studies, Instant updatedAt) {}

  /** The record's settings: emergency access, notification channels, the designated GP. */
  public record SettingsView(
      boolean emergencyAccess,
      boolean notifyByEmail,
      boolean notifyBySms,
      boolean notifyByPost,
      String designatedGp,
      Instant updatedAt) {}

  /**
   * Decides, locks and traces the export, and reads its small parts. A refusal (not the patient's
   * side; another export of the record running) is traced and thrown; the lock is held by the
   * returned export until it is closed.
   */
  public RecordExport begin(Actor actor, UUID recordId) {
    AccessFacts facts = access.facts(actor, recordId);
    Decision decision = access.policy().mayExport(actor, facts);
    if (!decision.permitted()) {
      gate.pass(actor, TraceAction.RECORD_EXPORT, recordId, decision, null);
    }
    if (!signer.ready()) {
      throw new CarnetException(ErrorCode.EXPORT_NOT_SIGNED);
    }
    ExportLocks.Held lock = locks.tryHold(recordId).orElse(null);
    if (lock == null) {
      gate.refuse(
          actor,
          TraceAction.RECORD_EXPORT,
          recordId,
          Decision.deny(Layer.RECORD_STATE, "EXPORT_IN_PROGRESS"),
          null,
          ErrorCode.EXPORT_IN_PROGRESS,
          ErrorCode.EXPORT_IN_PROGRESS.title());
    }
    try {
      gate.pass(actor, TraceAction.RECORD_EXPORT, recordId, decision, null);
      Visibility visibility = access.policy().visibility(actor, facts);
      return new RecordExport(
          recordId,
          clock.instant(),
          facts.relationship() == Relationship.REPRESENTATIVE ? "REPRESENTATIVE" : "PATIENT",
          recordFacts(recordId),
          profile(actor, facts, recordId, visibility),
          consents(actor, facts, recordId),
          visibility,
          documents,
          contents,
          audit.historyForExport(actor, facts, recordId),
          signer,
          lock);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /**
   * Has the export sent to the patient's registered contact (a call-centre agent, for a caller
   * without a computer, or the patient's side): the person is told where to download it, the caller
   * never receives it.
   */
  public void requestSending(Actor actor, UUID recordId) {
    requestSending(actor, recordId, false);
  }

  /**
   * As {@link #requestSending(Actor, UUID)}, or by post: a letter tells the person how to get their
   * export (the space, or an agent), the export itself being health data that is never printed.
   */
  public void requestSending(Actor actor, UUID recordId, boolean byPost) {
    gate.enter(
        actor,
        recordId,
        TraceAction.RECORD_EXPORT_SENDING,
        byPost ? "by post" : "to contact",
        ErrorCode.FORBIDDEN,
        (policy, facts) -> policy.mayRequestExportSending(actor, facts));
    Record record =
        records.find(recordId).orElseThrow(() -> new CarnetException(ErrorCode.RECORD_NOT_FOUND));
    if (byPost) {
      if (record.contact() == null || record.contact().address() == null) {
        throw new CarnetException(ErrorCode.POSTAL_ADDRESS_MISSING);
      }
      notifications.exportByPost(recordId);
      return;
    }
    if (record.contact() == null || !record.contact().reachable()) {
      throw new CarnetException(ErrorCode.CONTACT_MISSING);
    }
    notifications.exportOffered(recordId);
  }

  private RecordExport.RecordFacts recordFacts(UUID recordId) {
    Record record =
        records.find(recordId).orElseThrow(() -> new CarnetException(ErrorCode.RECORD_NOT_FOUND));
    return new RecordExport.RecordFacts(
        record.id(),
        record.state().name(),
        record.createdAt(),
        record.openedAt(),
        record.oppositionDeadline(),
        record.opposedAt(),
        record.closedAt(),
        record.closureReason() == null ? null : record.closureReason().name(),
        record.purgeAfter());
  }

  /** The entries the caller is shown, as the profile endpoint shows them. */
  private List<ProfileEntry> profile(
      Actor actor, AccessFacts facts, UUID recordId, Visibility visibility) {
    return profile.entries(recordId, visibility).stream()
        .filter(
            entry ->
                access
                    .policy()
                    .mayReadProfileEntry(actor, facts, entry.hiddenFromRepresentatives())
                    .permitted())
        .toList();
  }

  /**
   * The controls by kind, each as its own endpoint shows it to this caller: a mask only of a
   * document the caller may read (a representative does not learn of a minor's secret by its mask).
   */
  private Map<String, List<?>> consents(Actor actor, AccessFacts facts, UUID recordId) {
    Instant now = clock.instant();
    Map<String, List<?>> parts = new LinkedHashMap<>();
    parts.put(
        "masks",
        documents.masked(recordId).stream()
            .filter(
                d ->
                    access
                        .policy()
                        .mayRead(actor, facts, DocumentService.documentFacts(d))
                        .permitted())
            .map(d -> new MaskView(d.id(), d.classCode(), d.title(), d.maskedAt()))
            .toList());
    parts.put("blocks", consents.blocks(recordId));
    parts.put(
        "agreements",
        grants.active(recordId, now).stream()
            .map(
                g ->
                    new AgreementView(
                        g.id(),
                        g.rpps(),
                        g.profession(),
                        g.finess(),
                        g.mode().name(),
                        g.reason(),
                        g.grantedAt(),
                        g.expiresAt()))
            .toList());
    parts.put(
        "representatives",
        representatives.of(recordId).stream()
            .map(
                r ->
                    new RepresentativeView(
                        r.id(),
                        r.kind().name(),
                        r.relationship().name(),
                        r.standing(now).name(),
                        r.registeredAt(),
                        r.decidedAt(),
                        r.endedAt()))
            .toList());
    parts.put(
        "research",
        consents
            .research(recordId)
            .map(
                p ->
                    List.of(
                        new ResearchView(
                            p.globalOpposition(),
                            p.studies().entrySet().stream()
                                .collect(
                                    java.util.stream.Collectors.toMap(
                                        Map.Entry::getKey,
                                        e -> e.getValue().name(),
                                        (a, b) -> a,
                                        java.util.TreeMap::new)),
                            p.updatedAt())))
            .orElse(List.of()));
    parts.put(
        "settings",
        consents
            .settings(recordId)
            .map(
                s ->
                    List.of(
                        new SettingsView(
                            s.emergencyAccess(),
                            s.notifyByEmail(),
                            s.notifyBySms(),
                            s.notifyByPost(),
                            s.designatedGpRpps(),
                            s.updatedAt())))
            .orElse(List.of()));
    return parts;
  }
}

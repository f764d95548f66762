package fr.carnet.consent.application;

import fr.carnet.access.AccessFacts;
import fr.carnet.access.ControlChange;
import fr.carnet.access.Decision;
import fr.carnet.access.Layer;
import fr.carnet.access.application.AccessGate;
import fr.carnet.access.application.AccessService;
import fr.carnet.audit.model.TraceAction;
import fr.carnet.consent.model.ConsentRepository;
import fr.carnet.consent.model.RecordSettings;
import fr.carnet.consent.model.ResearchPreferences;
import fr.carnet.notification.application.Notifications;
import fr.carnet.record.application.DocumentService;
import fr.carnet.record.model.Document;
import fr.carnet.record.model.DocumentListing;
import fr.carnet.record.model.DocumentQuery;
import fr.carnet.record.model.DocumentRepository;
import fr.carnet.security.Actor;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The patient's controls over care access: masks, blocks, the designated GP, settings; and, kept
 * apart, research preferences. Managed by the patient or a representative; every change traced. A
 * proxy of scope {@code READ_AND_MANAGE} reads them and narrows access (mask, block, emergency
 * access off, notification channels); what widens access is asked of {@code mayWidenAccess}. A
 * call-centre agent reads and changes the settings, blocks, GP and research choices on the phone
 * once they confirmed the caller ({@code mayChangeControl}); never document masks.
 */
@Stateless
public class ConsentService {

  private static final Pattern RPPS = Pattern.compile("\\d{11}");
  private static final Pattern STUDY = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  @Inject private AccessService access;
  @Inject private ConsentRepository consents;
  @Inject private DocumentRepository documents;
  @Inject private AccessGate gate;
  @Inject private Clock clock;
  @Inject private Notifications notifications;

  /** A masked document, as its list shows it. */
  public record MaskedDocument(
      UUID documentId, String classCode, String title, java.time.Instant maskedAt) {}

  /** The settings as the patient sees them. */
  public record Settings(
      boolean emergencyAccess,
      boolean notifyByEmail,
      boolean notifyBySms,
      boolean notifyByPost,
      String designatedGp) {}

  /** Research preferences as the patient sees them. */
  public record Research(
      boolean globalOpposition, Map<String, ResearchPreferences.Choice> studies) {}

  // ---- Masks ---------------------------------------------------------------------------------

  /**
   * Masks a document from professionals. The document must be one the caller sees: a representative
   * cannot learn of a minor's secret by masking it.
   */
  public void mask(Actor actor, UUID recordId, UUID documentId, boolean masked) {
    AccessFacts facts = access.facts(actor, recordId);
    Document document =
        documents
            .find(recordId, documentId)
            .orElseThrow(() -> new CarnetException(ErrorCode.DOCUMENT_NOT_FOUND));
    // Unmasking widens access: the patient's side, never a proxy.
    Decision decision =
        masked
            ? access.policy().mayManageControls(actor, facts)
            : access.policy().mayWidenAccess(actor, facts);
    if (decision.permitted()) {
      decision = access.policy().mayRead(actor, facts, DocumentService.documentFacts(document));
    }
    gate.pass(
        actor,
        masked ? TraceAction.MASK_SET : TraceAction.MASK_CLEAR,
        recordId,
        DocumentService.subject(document),
        decision,
        null,
        ErrorCode.DOCUMENT_NOT_FOUND);
    if (masked) {
      document.mask(clock.instant());
    } else {
      document.unmask();
    }
  }

  public List<MaskedDocument> masks(Actor actor, UUID recordId) {
    AccessFacts facts = controls(actor, recordId, TraceAction.CONTROLS_READ, null);
    return documents.masked(recordId).stream()
        .filter(
            document ->
                access
                    .policy()
                    .mayRead(actor, facts, DocumentService.documentFacts(document))
                    .permitted())
        .map(d -> new MaskedDocument(d.id(), d.classCode(), d.title(), d.maskedAt()))
        .toList();
  }

  // ---- Blocks --------------------------------------------------------------------------------

  /** Blocks or unblocks a professional by RPPS; a blocked professional sees nothing. */
  public void block(Actor actor, UUID recordId, String rpps, boolean blocked) {
    requireRpps(rpps);
    if (blocked) {
      change(actor, recordId, TraceAction.BLOCK_SET, rpps, ControlChange.BLOCK);
    } else {
      change(actor, recordId, TraceAction.BLOCK_CLEAR, rpps, ControlChange.UNBLOCK);
    }
    if (blocked) {
      consents.block(recordId, rpps, clock.instant());
    } else {
      consents.unblock(recordId, rpps);
    }
  }

  public List<ConsentRepository.Block> blocks(Actor actor, UUID recordId) {
    change(actor, recordId, TraceAction.CONTROLS_READ, null, ControlChange.READ);
    return consents.blocks(recordId);
  }

  // ---- Designated GP and settings ------------------------------------------------------------

  /** Designates the patient's GP (médecin traitant), or clears it with null. */
  public Settings designateGp(Actor actor, UUID recordId, String rpps) {
    if (rpps != null) {
      requireRpps(rpps);
    }
    // A designated GP sees what the patient masked: designating one widens access.
    if (rpps == null) {
      change(actor, recordId, TraceAction.DESIGNATED_GP_CLEAR, null, ControlChange.CLEAR_GP);
    } else {
      change(actor, recordId, TraceAction.DESIGNATED_GP_SET, rpps, ControlChange.DESIGNATE_GP);
    }
    RecordSettings settings = settingsOf(recordId);
    settings.designateGp(rpps, clock.instant());
    return view(settings);
  }

  public Settings settings(Actor actor, UUID recordId) {
    change(actor, recordId, TraceAction.CONTROLS_READ, null, ControlChange.READ);
    return consents
        .settings(recordId)
        .map(ConsentService::view)
        .orElseGet(() -> view(RecordSettings.defaults(recordId, clock.instant())));
  }

  /** Changes emergency access and notification channels. */
  public Settings changeSettings(
      Actor actor,
      UUID recordId,
      boolean emergencyAccess,
      boolean email,
      boolean sms,
      Boolean post) {
    // Switching emergency access on widens access: the policy sees whether it is off now. The
    // channels are how the patient learns who reads their record, a proxy's acts included: they
    // are the patient's own choice too, or a managing proxy could silence every notice.
    RecordSettings current = currentSettings(recordId);
    // Letters are asked for apart (null: as they are), by clients that predate them included.
    boolean byPost = post == null ? current.notifyByPost() : post;
    String detail =
        "emergencyAccess="
            + emergencyAccess
            + ",email="
            + email
            + ",sms="
            + sms
            + ",post="
            + byPost;
    boolean channelsChange =
        email != current.notifyByEmail()
            || sms != current.notifyBySms()
            || byPost != current.notifyByPost();
    gate.enter(
        actor,
        recordId,
        TraceAction.SETTINGS_CHANGE,
        detail,
        ErrorCode.FORBIDDEN,
        (policy, facts) ->
            policy.mayChangeControl(
                actor,
                facts,
                emergencyAccess && !facts.emergencyAccess()
                    ? ControlChange.EMERGENCY_ACCESS_ON
                    : channelsChange ? ControlChange.CHANNELS : ControlChange.SETTINGS));
    notifications.agentChanged(actor, recordId, TraceAction.SETTINGS_CHANGE);
    RecordSettings settings = settingsOf(recordId);
    settings.change(emergencyAccess, email, sms, byPost, clock.instant());
    return view(settings);
  }

  /** Emergency access on or off, the channels as they are (the desk's one-field change). */
  public Settings changeEmergencyAccess(Actor actor, UUID recordId, boolean on) {
    RecordSettings current = currentSettings(recordId);
    return changeSettings(
        actor,
        recordId,
        on,
        current.notifyByEmail(),
        current.notifyBySms(),
        current.notifyByPost());
  }

  /** The notification channels, emergency access as it is (the desk's one-field change). */
  public Settings changeChannels(
      Actor actor, UUID recordId, boolean email, boolean sms, boolean post) {
    return changeSettings(
        actor, recordId, currentSettings(recordId).emergencyAccess(), email, sms, post);
  }

  private RecordSettings currentSettings(UUID recordId) {
    return consents
        .settings(recordId)
        .orElseGet(() -> RecordSettings.defaults(recordId, clock.instant()));
  }

  // ---- Research preferences ------------------------------------------------------------------

  public Research research(Actor actor, UUID recordId) {
    change(actor, recordId, TraceAction.RESEARCH_PREFERENCES_READ, null, ControlChange.READ);
    return consents
        .research(recordId)
        .map(p -> new Research(p.globalOpposition(), p.studies()))
        .orElse(new Research(false, Map.of()));
  }

  /** The global opposition alone, each study's choice as it stands (the desk's one change). */
  public Research changeGlobalOpposition(Actor actor, UUID recordId, boolean opposed) {
    Map<String, ResearchPreferences.Choice> studies =
        consents.research(recordId).map(ResearchPreferences::studies).orElse(Map.of());
    return changeResearch(actor, recordId, opposed, studies);
  }

  public Research changeResearch(
      Actor actor,
      UUID recordId,
      boolean globalOpposition,
      Map<String, ResearchPreferences.Choice> studies) {
    if (studies.size() > 200
        || !studies.keySet().stream().allMatch(s -> STUDY.matcher(s).matches())) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED, "studies: up to 200 study ids of letters, digits, . _ : -");
    }
    // Secondary use is the patient's own choice: never a proxy's.
    change(
        actor,
        recordId,
        TraceAction.RESEARCH_PREFERENCES_CHANGE,
        "globalOpposition=" + globalOpposition + ",studies=" + studies.size(),
        ControlChange.RESEARCH);
    ResearchPreferences preferences =
        consents.research(recordId).orElseGet(() -> new ResearchPreferences(recordId));
    boolean created = preferences.updatedAt() == null;
    preferences.change(globalOpposition, studies, clock.instant());
    if (created) {
      consents.store(preferences);
    }
    return new Research(preferences.globalOpposition(), preferences.studies());
  }

  // ---- What a professional would see --------------------------------------------------------

  /** One document as a professional would find it: visible or not, and which layer says so. */
  public record PreviewedDocument(
      UUID id,
      String classCode,
      String title,
      java.time.Instant authoredAt,
      boolean visible,
      Layer layer,
      String reason) {}

  /** The record-level answer for the professional, then each document of the page. */
  public record Preview(
      Decision record, List<PreviewedDocument> documents, DocumentQuery.Position next) {}

  /**
   * What this professional would see of the record and why, as things stand now (their grants,
   * blocks, the designated GP, the matrix, the masked classes; and, when {@code finess} names the
   * organisation they act for, its block). Nothing is accessed: the policy is only asked.
   */
  public Preview preview(
      Actor actor,
      UUID recordId,
      String rpps,
      String profession,
      String specialty,
      String finess,
      DocumentQuery query) {
    requireRpps(rpps);
    String organisation = blankToNull(finess);
    if (organisation != null) {
      RestrictionService.requireFiness(organisation);
    }
    if (profession == null || profession.isBlank()) {
      throw new CarnetException(ErrorCode.VALIDATION_FAILED, "profession is required");
    }
    AccessFacts facts = controls(actor, recordId, TraceAction.ACCESS_PREVIEW, "rpps=" + rpps);
    Actor professional =
        Actor.professional(
            "access-preview", rpps, profession.strip(), blankToNull(specialty), organisation);
    AccessFacts theirs = access.facts(professional, recordId);
    Decision recordDecision = access.policy().visibility(professional, theirs).decision();
    // Only what the asker sees is listed: a representative does not learn a minor's secrets here.
    List<DocumentListing> page =
        documents.search(recordId, query, access.policy().visibility(actor, facts));
    List<PreviewedDocument> previewed =
        page.stream()
            .map(
                document -> {
                  Decision decision =
                      access
                          .policy()
                          .mayRead(professional, theirs, DocumentService.documentFacts(document));
                  return new PreviewedDocument(
                      document.id(),
                      document.classCode(),
                      document.title(),
                      document.authoredAt(),
                      decision.permitted(),
                      decision.layer(),
                      decision.reason());
                })
            .toList();
    DocumentQuery.Position next =
        page.size() < query.limit()
            ? null
            : new DocumentQuery.Position(
                page.get(page.size() - 1).authoredAt(), page.get(page.size() - 1).id());
    return new Preview(recordDecision, previewed, next);
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  // ---- Shared --------------------------------------------------------------------------------

  /** The patient or a representative, decided and traced; the record's facts for further use. */
  private AccessFacts controls(Actor actor, UUID recordId, TraceAction action, String detail) {
    return gate.enter(
        actor,
        recordId,
        action,
        detail,
        ErrorCode.FORBIDDEN,
        (policy, facts) -> policy.mayManageControls(actor, facts));
  }

  /**
   * A control read or changed by the patient's side (a widening one never by a proxy) or by a
   * call-centre agent who confirmed the caller (issue 19): decided, traced under the actor's name.
   */
  private void change(
      Actor actor, UUID recordId, TraceAction action, String detail, ControlChange change) {
    gate.enter(
        actor,
        recordId,
        action,
        detail,
        ErrorCode.FORBIDDEN,
        (policy, facts) -> policy.mayChangeControl(actor, facts, change));
    if (change != ControlChange.READ) {
      notifications.agentChanged(actor, recordId, action);
    }
  }

  private RecordSettings settingsOf(UUID recordId) {
    return consents
        .settings(recordId)
        .orElseGet(
            () -> {
              RecordSettings created = RecordSettings.defaults(recordId, clock.instant());
              consents.store(created);
              return created;
            });
  }

  private static Settings view(RecordSettings settings) {
    return new Settings(
        settings.emergencyAccess(),
        settings.notifyByEmail(),
        settings.notifyBySms(),
        settings.notifyByPost(),
        settings.designatedGpRpps());
  }

  private static void requireRpps(String rpps) {
    if (rpps == null || !RPPS.matcher(rpps).matches()) {
      throw new CarnetException(ErrorCode.VALIDATION_FAILED, "An RPPS number has 11 digits");
    }
  }
}

package fr.carnet.consent.application;

import fr.carnet.access.AccessFacts;
import fr.carnet.access.AccountAction;
import fr.carnet.access.Decision;
import fr.carnet.access.Layer;
import fr.carnet.access.ProxyScope;
import fr.carnet.access.application.AccessGate;
import fr.carnet.access.application.AccessService;
import fr.carnet.audit.model.TraceAction;
import fr.carnet.consent.model.Proxy;
import fr.carnet.consent.model.ProxyRepository;
import fr.carnet.identity.model.IdentityRepository;
import fr.carnet.identity.model.Ins;
import fr.carnet.identity.model.PatientIdentity;
import fr.carnet.identity.model.Traits;
import fr.carnet.notification.application.Notifications;
import fr.carnet.security.Actor;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Proxies chosen by the patient (issue 18): an adult known to Carnet, named by INS and traits,
 * designated by the person alone for a scope and until an end date no later than {@code
 * carnet.proxy.max-duration} from today, {@code carnet.proxy.max-current} at most at once. The
 * proxy then acts with their own patient token, decided by the policy from the designation the
 * access facts load; the patient revokes it, the proxy may give it up.
 *
 * <p>Every step and every refusal is traced under the patient's record. A designation that names
 * nobody, or somebody whose traits differ, is refused with one code whatever the reason, so that
 * the patient learns nothing of whom an INS belongs to.
 */
@Stateless
public class ProxyService {

  /** The most designations a listing shows (current ones are bounded far below). */
  private static final int LIST_LIMIT = 100;

  /** End dates are days of French civil time, as the policy reckons them. */
  private static final java.time.ZoneId CIVIL_TIME = java.time.ZoneId.of("Europe/Paris");

  @Inject private AccessService access;
  @Inject private AccessGate gate;
  @Inject private ProxyRepository proxies;
  @Inject private IdentityRepository identities;
  @Inject private Notifications notifications;
  @Inject private Clock clock;

  @Inject
  @ConfigProperty(name = "carnet.proxy.max-duration", defaultValue = "P365D")
  private Duration maxDuration;

  @Inject
  @ConfigProperty(name = "carnet.proxy.max-current", defaultValue = "5")
  private int maxCurrent;

  @Inject
  @ConfigProperty(name = "carnet.access.majority-age", defaultValue = "18")
  private int majorityAge;

  /** A designation as the patient lists it: the proxy by name, never by INS. */
  public record ProxyView(
      UUID id,
      UUID proxyRecordId,
      String birthName,
      String firstNames,
      ProxyScope scope,
      LocalDate endsOn,
      Proxy.Standing status,
      Instant createdAt,
      Instant revokedAt,
      Proxy.EndedBy revokedBy,
      Instant firstActedAt) {}

  /** A record the calling person may act on as a proxy. */
  public record Proxied(
      UUID proxyId,
      UUID recordId,
      String birthName,
      String firstNames,
      ProxyScope scope,
      LocalDate endsOn) {}

  public ProxyView designate(
      Actor actor, UUID recordId, Ins ins, Traits traits, ProxyScope scope, LocalDate endsOn) {
    if (ins == null || traits == null || scope == null || endsOn == null) {
      throw new CarnetException(
          ErrorCode.VALIDATION_FAILED,
          "ins, traits, scope (READ, READ_AND_MANAGE) and endsOn (YYYY-MM-DD) are required");
    }
    AccessFacts facts = access.facts(actor, recordId);
    Decision allowed = access.policy().mayDesignateProxy(actor, facts);
    if (!allowed.permitted()) {
      gate.pass(actor, TraceAction.PROXY_CREATE, recordId, allowed, null);
    }
    LocalDate today = facts.today();
    LocalDate latest = today.plusDays(maxDuration.toDays());
    if (endsOn.isBefore(today) || endsOn.isAfter(latest)) {
      refuse(
          actor,
          recordId,
          "END_DATE_INVALID",
          ErrorCode.PROXY_END_DATE_INVALID,
          "endsOn is from " + today + " to " + latest);
    }
    // Checked on the traits typed, before any lookup: it says nothing of anybody's record.
    if (today.isBefore(traits.birthDate().plusYears(majorityAge))) {
      refuse(
          actor, recordId, "NOT_AN_ADULT", ErrorCode.PROXY_NOT_APPLICABLE, "A proxy is an adult");
    }
    PatientIdentity proxy =
        identities
            .findByInsNumber(ins.number())
            .filter(found -> found.ins().kind() == ins.kind() && found.traits().matches(traits))
            .orElse(null);
    if (proxy == null) {
      // Unknown INS and traits that differ: one answer, so that no INS can be probed.
      refuse(
          actor,
          recordId,
          "NOT_IDENTIFIED",
          ErrorCode.PROXY_NOT_IDENTIFIED,
          ErrorCode.PROXY_NOT_IDENTIFIED.title());
    }
    if (proxy.recordId().equals(recordId)) {
      refuse(
          actor,
          recordId,
          "IS_THE_PATIENT",
          ErrorCode.PROXY_NOT_APPLICABLE,
          "A person is not their own proxy");
    }
    proxies.lockRecord(recordId);
    List<Proxy> current = proxies.current(recordId, today);
    if (current.stream().anyMatch(p -> p.proxyRecordId().equals(proxy.recordId()))) {
      refuse(
          actor,
          recordId,
          "ALREADY_DESIGNATED",
          ErrorCode.PROXY_ALREADY_DESIGNATED,
          "This person already is a current proxy: revoke it first to change it");
    }
    if (current.size() >= maxCurrent) {
      refuse(
          actor,
          recordId,
          "LIMIT_REACHED",
          ErrorCode.PROXY_LIMIT_REACHED,
          "A record has at most " + maxCurrent + " current proxies");
    }
    Proxy designated =
        new Proxy(recordId, proxy.recordId(), scope, endsOn, clock.instant(), actor.subject());
    proxies.store(designated);
    gate.pass(
        actor,
        TraceAction.PROXY_CREATE,
        recordId,
        allowed,
        "proxy " + designated.id() + " " + scope + " until " + endsOn);
    return view(designated, proxy, today);
  }

  /** The record's designations, current and ended, for the person alone. */
  public List<ProxyView> list(Actor actor, UUID recordId) {
    AccessFacts facts =
        gate.enter(
            actor,
            recordId,
            TraceAction.PROXY_LIST,
            null,
            ErrorCode.FORBIDDEN,
            (policy, f) -> policy.mayManageProxies(actor, f));
    return proxies.of(recordId, LIST_LIMIT).stream()
        .map(p -> view(p, identities.findByRecordId(p.proxyRecordId()).orElse(null), facts.today()))
        .toList();
  }

  /**
   * Ends a designation: revoked by the person, or given up by the proxy themself (the person is
   * then told). Ending one already ended changes nothing.
   */
  public void end(Actor actor, UUID recordId, UUID proxyId) {
    AccessFacts facts = access.facts(actor, recordId);
    Decision decision = access.policy().mayEndProxy(actor, facts, proxyId);
    boolean byProxy = facts.relationship() == fr.carnet.access.Relationship.PROXY;
    TraceAction action = byProxy ? TraceAction.PROXY_RENOUNCE : TraceAction.PROXY_REVOKE;
    if (!decision.permitted()) {
      gate.pass(actor, action, recordId, decision, "proxy " + proxyId);
    }
    Proxy proxy = proxies.find(recordId, proxyId).orElse(null);
    if (proxy == null) {
      gate.refuse(
          actor,
          action,
          recordId,
          Decision.deny(Layer.REPRESENTATION, "PROXY_NOT_FOUND"),
          "proxy " + proxyId,
          ErrorCode.PROXY_NOT_FOUND,
          ErrorCode.PROXY_NOT_FOUND.title());
    }
    gate.pass(actor, action, recordId, decision, "proxy " + proxyId);
    boolean wasStanding = proxy.revokedAt() == null;
    proxy.end(
        clock.instant(), actor.subject(), byProxy ? Proxy.EndedBy.PROXY : Proxy.EndedBy.PATIENT);
    if (byProxy && wasStanding) {
      notifications.proxy(recordId, "RENOUNCED");
    }
  }

  /** The records the calling person may currently act on as a proxy. */
  public List<Proxied> proxied(Actor actor) {
    gate.admit(actor, AccountAction.READ_OWN_RECORD, TraceAction.PROXIED_LIST, null);
    PatientIdentity self =
        identities
            .findByInsNumber(actor.ins())
            .orElseThrow(() -> new CarnetException(ErrorCode.RECORD_NOT_FOUND));
    LocalDate today = clock.instant().atZone(CIVIL_TIME).toLocalDate();
    return proxies.heldBy(self.recordId(), today, LIST_LIMIT).stream()
        .map(
            p -> {
              Traits person = identities.findByRecordId(p.recordId()).orElseThrow().traits();
              return new Proxied(
                  p.id(),
                  p.recordId(),
                  person.birthName(),
                  person.firstNames(),
                  p.scope(),
                  p.endsOn());
            })
        .toList();
  }

  /** A refusal of the designation itself (its date, its person, the bound), traced; it commits. */
  private void refuse(Actor actor, UUID recordId, String reason, ErrorCode code, String message) {
    gate.refuse(
        actor,
        TraceAction.PROXY_CREATE,
        recordId,
        Decision.deny(Layer.REPRESENTATION, "DESIGNATION_" + reason),
        null,
        code,
        message);
  }

  private static ProxyView view(Proxy p, PatientIdentity person, LocalDate today) {
    return new ProxyView(
        p.id(),
        p.proxyRecordId(),
        person == null ? null : person.traits().birthName(),
        person == null ? null : person.traits().firstNames(),
        p.scope(),
        p.endsOn(),
        p.standing(today),
        p.createdAt(),
        p.revokedAt(),
        p.revokedAs(),
        p.firstActedAt());
  }
}

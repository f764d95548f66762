package fr.carnet.consent.application;

import fr.carnet.access.AccessPolicy;
import fr.carnet.audit.model.AccessTraced;
import fr.carnet.consent.model.ProxyRepository;
import fr.carnet.notification.application.Notifications;
import fr.carnet.security.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * Tells the patient when a proxy they chose first acts on the record: the first permitted access
 * the policy decided as a proxy's ({@code PROXY}, {@code PROXY_MANAGE}), noted on the designation
 * in the access's own transaction, so that it is told exactly once, whatever the instance. An act
 * about what is kept from the patient's side is neither told nor counted (it cannot be permitted to
 * a proxy anyway).
 */
@ApplicationScoped
public class ProxyActs {

  @Inject private ProxyRepository proxies;
  @Inject private Notifications notifications;
  @Inject private Clock clock;

  void onAccess(@Observes AccessTraced access) {
    if (!access.actor().is(Role.PATIENT)
        || access.recordId() == null
        || access.actor().ins() == null
        || !access.decision().permitted()
        || access.subject().secretFromPatientSide()
        || !actsForThePatient(access.decision().reason())) {
      return;
    }
    if (proxies.firstAct(access.recordId(), access.actor().ins(), clock.instant())) {
      notifications.proxy(access.recordId(), "FIRST_ACT");
    }
  }

  /** A read or a management act; giving the designation up is not acting on the record. */
  private static boolean actsForThePatient(String reason) {
    return AccessPolicy.isProxyReason(reason) && !"PROXY_RENOUNCE".equals(reason);
  }
}

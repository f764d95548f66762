package fr.carnet.account.application;

import fr.carnet.notification.model.CodeIssuer;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/** The provisional codes of information messages, issued in their own transaction. */
@ApplicationScoped
public class InformationCodes implements CodeIssuer {

  @EJB private LifecycleService lifecycle;

  @Override
  public Optional<Code> issueFor(UUID recordId) {
    return lifecycle
        .issueForInformation(recordId)
        .map(issued -> new Code(issued.code(), issued.expiresAt()));
  }
}

package fr.carnet.portability.interfaces.rest;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.Semaphore;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How many exports this server streams at once ({@code carnet.export.max-concurrent}): each holds a
 * database connection for its lock and a worker thread for as long as the client downloads, so that
 * beyond the bound a caller is told to come back ({@code carnet.export.retry-after-seconds}) rather
 * than starve the pool of care's requests.
 */
@ApplicationScoped
public class ExportSlots {

  @Inject
  @ConfigProperty(name = "carnet.export.max-concurrent", defaultValue = "4")
  private int maxConcurrent;

  @Inject
  @ConfigProperty(name = "carnet.export.retry-after-seconds", defaultValue = "30")
  private int retryAfterSeconds;

  private Semaphore slots;

  @PostConstruct
  void configure() {
    slots = new Semaphore(Math.max(1, maxConcurrent));
  }

  /** A slot, to be released once the export is written (or failed); false when all are taken. */
  boolean tryTake() {
    return slots.tryAcquire();
  }

  void release() {
    slots.release();
  }

  int retryAfterSeconds() {
    return retryAfterSeconds;
  }
}

package fr.carnet.audit.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * An optional second witness that another party runs: each signed head, as the very line the
 * witness file got, POSTed to {@code carnet.audit.tree.witness-url}. The file stays the witness of
 * record; a party that keeps these lines on its own side can later show that Carnet's file and
 * database both say what was witnessed, or neither does. A failure never stops a head: it is
 * logged, and the next head's line carries the consistency proof from the file's previous head.
 */
@ApplicationScoped
public class HttpTreeWitness {

  private static final Logger LOG = Logger.getLogger(HttpTreeWitness.class.getName());

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Inject
  @ConfigProperty(name = "carnet.audit.tree.witness-url")
  private Optional<URI> url;

  @Inject
  @ConfigProperty(name = "carnet.audit.tree.witness-token")
  private Optional<String> token;

  // The heads say nothing of anyone, but a witness reached in clear can be impersonated: https
  // unless allowed explicitly (a witness on the same host, tests).
  @Inject
  @ConfigProperty(name = "carnet.audit.tree.witness-allow-http", defaultValue = "false")
  private boolean allowHttp;

  @Inject
  @ConfigProperty(name = "carnet.audit.tree.witness-timeout", defaultValue = "PT5S")
  private Duration timeout;

  /** Whether the last attempt failed: one warning per outage, not one per head. */
  private final AtomicBoolean failing = new AtomicBoolean();

  public boolean configured() {
    return url.isPresent();
  }

  /** Sends one witness line; true when the witness took it (any 2xx). */
  public boolean publish(String line) {
    if (url.isEmpty()) {
      return false;
    }
    if (!"https".equalsIgnoreCase(url.get().getScheme()) && !allowHttp) {
      failed(
          "the HTTP witness must be https (carnet.audit.tree.witness-allow-http=true allows http)");
      return false;
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url.get())
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(line));
    token.ifPresent(secret -> request.header("Authorization", "Bearer " + secret));
    try {
      HttpResponse<Void> response =
          client.send(request.build(), HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() / 100 != 2) {
        failed("it answered " + response.statusCode());
        return false;
      }
      if (failing.compareAndSet(true, false)) {
        LOG.info("The HTTP witness takes the tree heads again");
      }
      return true;
    } catch (IOException e) {
      failed(e.toString());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failed("interrupted");
      return false;
    }
  }

  private void failed(String why) {
    Level level = failing.compareAndSet(false, true) ? Level.WARNING : Level.FINE;
    LOG.log(
        level,
        () -> "The HTTP witness did not take a tree head (" + why + "); the file still has it");
  }
}

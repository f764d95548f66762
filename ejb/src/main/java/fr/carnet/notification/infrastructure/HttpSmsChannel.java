package fr.carnet.notification.infrastructure;

import fr.carnet.notification.model.Channel;
import fr.carnet.notification.model.DeliveryFailure;
import fr.carnet.notification.model.Message;
import fr.carnet.notification.model.MessageChannel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * SMS through the HTTP gateway of the configuration: a JSON {@code {"to", "text"}} POSTed with the
 * gateway's bearer token; any 2xx answer means the gateway took it.
 */
@ApplicationScoped
public class HttpSmsChannel implements MessageChannel {

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @Inject
  @ConfigProperty(name = "carnet.notification.sms.url")
  private Optional<URI> gateway;

  @Inject
  @ConfigProperty(name = "carnet.notification.sms.token")
  private Optional<String> token;

  // The gateway receives phone numbers and message texts: https only, unless allowed explicitly
  // (a gateway on the same host, tests).
  @Inject
  @ConfigProperty(name = "carnet.notification.sms.allow-http", defaultValue = "false")
  private boolean allowHttp;

  @Override
  public Channel channel() {
    return Channel.SMS;
  }

  @Override
  public void send(String address, Message message) throws DeliveryFailure {
    if (gateway.isEmpty()) {
      // Kept, not dropped: the notifications go out once a gateway is configured.
      throw new DeliveryFailure("No SMS gateway configured (carnet.notification.sms.url)");
    }
    if (!"https".equalsIgnoreCase(gateway.get().getScheme()) && !allowHttp) {
      // Kept, not sent: nothing leaves in clear; the operator sees this failure at each retry.
      throw new DeliveryFailure(
          "The SMS gateway must be https (carnet.notification.sms.allow-http=true allows http)");
    }
    String json =
        Json.createObjectBuilder()
            .add("to", address)
            .add("text", message.body())
            .build()
            .toString();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(gateway.get())
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    token.ifPresent(secret -> request.header("Authorization", "Bearer " + secret));
    try {
      HttpResponse<Void> response =
          client.send(request.build(), HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() / 100 != 2) {
        throw new DeliveryFailure("SMS gateway answered " + response.statusCode());
      }
    } catch (IOException e) {
      throw new DeliveryFailure("SMS gateway: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryFailure("Interrupted", e);
    }
  }
}

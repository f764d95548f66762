package fr.carnet.e2e;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Plain HTTP against the running server, as an integrator's software would call it. */
public final class Api {

  private final String base;
  private final HttpClient client =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  Api(String base) {
    this.base = base;
  }

  public String base() {
    return base;
  }

  public Reply get(String path, String token) {
    return send(request(path, token).GET());
  }

  public Reply post(String path, String token, String json) {
    return send(
        request(path, token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Reply send(String method, String path, String token, String contentType, String body) {
    HttpRequest.Builder builder = request(path, token);
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    return send(
        builder.method(
            method,
            body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)));
  }

  public HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  public Reply send(HttpRequest.Builder builder) {
    try {
      HttpResponse<String> response =
          client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A response with its body parsed on demand. */
  public record Reply(HttpResponse<String> response) {

    public int status() {
      return response.statusCode();
    }

    public String body() {
      return response.body();
    }

    public JsonObject json() {
      try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
        return reader.readObject();
      }
    }

    public String contentType() {
      return header("Content-Type").orElse("");
    }

    public Optional<String> header(String name) {
      return response.headers().firstValue(name);
    }

    /** The stable code of a problem document. */
    public String code() {
      return json().getString("code");
    }

    @Override
    public String toString() {
      return status() + " " + body();
    }
  }
}

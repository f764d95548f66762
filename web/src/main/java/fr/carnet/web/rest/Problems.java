package fr.carnet.web.rest;

import fr.carnet.shared.ErrorCode;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * RFC 9457 problem documents. Built here only, so that every error of the API has the same shape:
 * type, title, status, detail and the stable {@code code}. A detail never carries personal data.
 */
public final class Problems {

  public static final String MEDIA_TYPE = "application/problem+json";
  private static final String TYPE_PREFIX = "urn:carnet:problem:";
  private static final int CONTENT_STORE_RETRY_SECONDS = 5;
  public static final int DATABASE_RETRY_SECONDS = 2;

  private Problems() {}

  public static Response of(ErrorCode code, String detail) {
    return respond(code, json(code, detail, null, Map.of()));
  }

  public static Response of(ErrorCode code, String detail, JsonArrayBuilder violations) {
    return respond(code, json(code, detail, violations, Map.of()));
  }

  /** A problem with extension members, such as the layer and reason of an access refusal. */
  public static Response of(ErrorCode code, String detail, Map<String, String> extensions) {
    return respond(code, json(code, detail, null, extensions));
  }

  private static Response respond(ErrorCode code, String json) {
    Response.ResponseBuilder response =
        Response.status(code.status()).type(MEDIA_TYPE).entity(json);
    if (code.status() == 401) {
      response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"carnet\"");
    }
    if (code == ErrorCode.CONTENT_STORE_UNAVAILABLE) {
      // Nothing was filed: the same push, retried, is safe.
      response.header(HttpHeaders.RETRY_AFTER, CONTENT_STORE_RETRY_SECONDS);
    }
    if (code == ErrorCode.DATABASE_UNAVAILABLE) {
      // A restart or a failover takes seconds; the pool reconnects by itself (validated
      // connections), so the service comes back without anyone acting.
      response.header(HttpHeaders.RETRY_AFTER, DATABASE_RETRY_SECONDS);
    }
    return response.build();
  }

  /** The problem document as text, for the places outside JAX-RS that answer errors. */
  public static String json(ErrorCode code, String detail, JsonArrayBuilder violations) {
    return json(code, detail, violations, Map.of());
  }

  private static String json(
      ErrorCode code, String detail, JsonArrayBuilder violations, Map<String, String> extensions) {
    JsonObjectBuilder problem =
        Json.createObjectBuilder()
            .add("type", TYPE_PREFIX + code.name().toLowerCase().replace('_', '-'))
            .add("title", code.title())
            .add("status", code.status())
            .add("detail", detail == null ? code.title() : detail)
            .add("code", code.name());
    if (violations != null) {
      problem.add("violations", violations);
    }
    extensions.forEach(problem::add);
    return problem.build().toString();
  }
}

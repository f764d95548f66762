package fr.carnet.portability.interfaces.rest;

import fr.carnet.portability.application.ExportSigner;
import fr.carnet.web.security.PublicApi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The key that signs exports, as a JWKS (RFC 7517, an OKP Ed25519 key of RFC 8037): public, since
 * whoever the patient hands their export to must be able to check it without an account.
 */
@Path("/v1/exports/keys")
@ApplicationScoped
@PublicApi
@Tag(name = "Patient controls")
public class ExportKeysResource {

  @Inject private ExportSigner signer;

  /** A JSON Web Key Set. */
  public record JwksJson(
      @Schema(description = "OKP keys: kty, crv Ed25519, x, kid, alg EdDSA, use sig")
          List<Map<String, String>> keys) {}

  @GET
  @Produces("application/jwk-set+json")
  @Operation(summary = "The public keys that verify exports' manifest.jws (anyone)")
  @APIResponse(
      responseCode = "200",
      description = "The key set; empty when the server has no signing key",
      content =
          @Content(
              mediaType = "application/jwk-set+json",
              schema = @Schema(implementation = JwksJson.class)))
  public Response keys() {
    JsonArrayBuilder keys = Json.createArrayBuilder();
    signer
        .jwks()
        .forEach(key -> keys.add(Json.createObjectBuilder(Map.<String, Object>copyOf(key))));
    String jwks = Json.createObjectBuilder().add("keys", keys).build().toString();
    return Response.ok(jwks, "application/jwk-set+json").build();
  }
}

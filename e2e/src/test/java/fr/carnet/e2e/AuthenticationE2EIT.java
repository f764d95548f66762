package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import fr.carnet.devserver.DevKeys;
import fr.carnet.devserver.DevTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tokens that must not get in: each is a 401 problem, never a page and never a 200. */
@ExtendWith(CarnetServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthenticationE2EIT {

  private static final String MINE = "/api/v1/records/mine";

  private CarnetServer carnet;
  private Api api;

  @BeforeAll
  void connect(CarnetServer carnet) {
    this.carnet = carnet;
    this.api = carnet.api();
  }

  private void assertUnauthorized(Api.Reply reply, String code) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.code()).isEqualTo(code);
    assertThat(reply.header("WWW-Authenticate"))
        .hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));
  }

  @Test
  void aValidTokenGetsIn() {
    // The control for the refusals below: same call, same server, a good token.
    Api.Reply reply = api.get(MINE, carnet.token("patient", Map.of("ins", People.newNir())));
    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.code()).isEqualTo("RECORD_NOT_FOUND");
  }

  @Test
  void noTokenIsUnauthenticated() {
    assertUnauthorized(api.get(MINE, null), "UNAUTHENTICATED");
  }

  @Test
  void anExpiredTokenIsRefused() {
    String expired = carnet.tokens().mint("patient", Map.of(), -5);
    assertUnauthorized(api.get(MINE, expired), "TOKEN_INVALID");
  }

  @Test
  void aTokenSignedWithAnotherKeyIsRefused(@org.junit.jupiter.api.io.TempDir Path elsewhere)
      throws Exception {
    String forged = new DevTokens(DevKeys.in(elsewhere).privateKey()).mint("admin");
    assertThat(Files.exists(elsewhere.resolve("public-key.pem"))).isTrue();
    assertUnauthorized(api.get(MINE, forged), "TOKEN_INVALID");
  }

  @Test
  void aTokenForAnotherAudienceOrIssuerIsRefused() {
    var key = carnet.server().keys().privateKey();
    assertUnauthorized(
        api.get(MINE, new DevTokens(key, DevTokens.ISSUER, "another-api").mint("patient")),
        "TOKEN_INVALID");
    assertUnauthorized(
        api.get(MINE, new DevTokens(key, "urn:someone-else", DevTokens.AUDIENCE).mint("patient")),
        "TOKEN_INVALID");
  }

  @Test
  void garbageIsRefused() {
    assertUnauthorized(api.get(MINE, "not.a.jwt"), "TOKEN_INVALID");
  }

  @Test
  void aTokenWithTwoRolesIsForbidden() {
    // A caller acts in exactly one role: patient and admin at once would blur every decision.
    String twoRoles =
        carnet
            .tokens()
            .mint(List.of("patient", "admin"), Map.of("sub", "someone", "ins", People.newNir()), 5);

    Api.Reply reply = api.get(MINE, twoRoles);

    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.code()).isEqualTo("FORBIDDEN");
  }

  @Test
  void theRoleCheckRefusesACallerInNoCarnetRoleAndACallerWithoutToken() {
    // Carnet's own role check (RoleCheckFeature), not MicroProfile JWT's: its details say so. The
    // same token twice: once verified by the JWT mechanism, then recognised from the cache.
    String nurse = carnet.tokens().mint(List.of("nurse"), Map.of("sub", "a-nurse"), 5);
    for (int call = 1; call <= 2; call++) {
      Api.Reply reply = api.get(MINE, nurse);
      assertThat(reply.status()).as("call %d: %s", call, reply).isEqualTo(403);
      assertThat(reply.contentType()).startsWith("application/problem+json");
      assertThat(reply.code()).isEqualTo("FORBIDDEN");
      assertThat(reply.json().getString("detail"))
          .isEqualTo("The token carries none of the roles this resource serves");
    }

    // Without a token, a write is refused before its body is read (no 400 for the bad JSON).
    Api.Reply anonymous = api.post("/api/v1/records", null, "{not json");
    assertUnauthorized(anonymous, "UNAUTHENTICATED");
    assertThat(anonymous.json().getString("detail"))
        .isEqualTo("This resource needs a verified bearer token");

    // The control: a role the resource serves gets past the role check, twice alike.
    String patient = carnet.token("patient", Map.of("ins", People.newNir()));
    for (int call = 1; call <= 2; call++) {
      assertThat(api.get(MINE, patient).code()).as("call %d", call).isEqualTo("RECORD_NOT_FOUND");
    }
  }

  @Test
  void anUnsignedTokenOrOneSignedWithThePublicKeyAsAnHmacSecretIsRefused() throws Exception {
    // The classic confusions: "alg": "none", and HS256 keyed with the RS256 public key's PEM.
    long now = System.currentTimeMillis() / 1000;
    String claims =
        "{\"iss\":\""
            + DevTokens.ISSUER
            + "\",\"aud\":\""
            + DevTokens.AUDIENCE
            + "\",\"sub\":\"someone\",\"upn\":\"someone\",\"groups\":[\"admin\"],"
            + "\"iat\":"
            + now
            + ",\"exp\":"
            + (now + 300)
            + ",\"jti\":\"confused-"
            + now
            + "\"}";
    String unsigned = segment("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + segment(claims) + ".";
    assertUnauthorized(api.get(MINE, unsigned), "TOKEN_INVALID");

    String signingInput = segment("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + segment(claims);
    javax.crypto.Mac hmac = javax.crypto.Mac.getInstance("HmacSHA256");
    hmac.init(
        new javax.crypto.spec.SecretKeySpec(
            Files.readAllBytes(carnet.server().keys().publicKeyFile()), "HmacSHA256"));
    String confused =
        signingInput
            + "."
            + java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                    hmac.doFinal(
                        signingInput.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    assertUnauthorized(api.get(MINE, confused), "TOKEN_INVALID");
  }

  private static String segment(String json) {
    return java.util.Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}

package fr.carnet.devserver;

import java.security.PrivateKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * Mints development tokens with the claims of the API contract, signed RS256 with the dev key.
 *
 * <p>From the command line: {@code ./mvnw -q -pl config compile exec:java@token
 * -Drole=professional} prints one token. Claims can be changed with system properties of the same
 * name ({@code -Drpps=…}, {@code -Dins=…}, {@code -Dprofession=…}, {@code -Dspecialty=…}, {@code
 * -Dfiness=…}, {@code -Dsub=…}, {@code -Dminutes=…}).
 */
public final class DevTokens {

  public static final String ISSUER = "urn:carnet:dev";
  public static final String AUDIENCE = "carnet-api";

  /** Default claims for each role: a GP in Paris, a patient whose INS the README uses. */
  private static final Map<String, Map<String, String>> DEFAULTS =
      Map.of(
          "professional",
              Map.of(
                  "sub", "psc-10101010101",
                  "rpps", "10101010101",
                  "profession", "10",
                  "specialty", "general-practice",
                  "finess", "750712184"),
          "patient", Map.of("sub", "patient-dev", "ins", "285057505612338"),
          "agent", Map.of("sub", "agent-dev"),
          "auditor", Map.of("sub", "auditor-dev"),
          "admin", Map.of("sub", "admin-dev"));

  private final PrivateKey key;
  private final String issuer;
  private final String audience;

  public DevTokens(PrivateKey key, String issuer, String audience) {
    this.key = key;
    this.issuer = issuer;
    this.audience = audience;
  }

  public DevTokens(PrivateKey key) {
    this(key, ISSUER, AUDIENCE);
  }

  /** A token for {@code role} with its default claims, changed by {@code claims}. */
  public String mint(String role, Map<String, String> claims, int minutes) {
    Map<String, String> all = new LinkedHashMap<>(DEFAULTS.getOrDefault(role, Map.of("sub", role)));
    // Another professional is another account: their subject follows their RPPS unless given.
    String rpps = claims.get("rpps");
    if (rpps != null && !rpps.isBlank() && !claims.containsKey("sub")) {
      all.put("sub", "psc-" + rpps);
    }
    all.putAll(claims);
    return mint(List.of(role), all, minutes);
  }

  /** A token with exactly these groups and claims; minutes may be negative for an expired one. */
  public String mint(List<String> groups, Map<String, String> claims, int minutes) {
    JwtClaims jwt = new JwtClaims();
    jwt.setIssuer(issuer);
    jwt.setAudience(audience);
    jwt.setIssuedAtToNow();
    jwt.setExpirationTimeMinutesInTheFuture(minutes);
    jwt.setJwtId(UUID.randomUUID().toString());
    jwt.setStringListClaim("groups", groups);
    claims.forEach(jwt::setClaim);
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(jwt.toJson());
    jws.setKey(key);
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
    jws.setHeader("typ", "JWT");
    try {
      return jws.getCompactSerialization();
    } catch (JoseException e) {
      throw new IllegalStateException("Cannot sign a dev token", e);
    }
  }

  public String mint(String role) {
    return mint(role, Map.of(), 60);
  }

  public static void main(String[] args) {
    String role = args.length > 0 ? args[0] : System.getProperty("role", "professional");
    if (!DEFAULTS.containsKey(role)) {
      throw new IllegalArgumentException("role must be one of " + DEFAULTS.keySet());
    }
    Map<String, String> claims = new LinkedHashMap<>();
    for (String name : List.of("sub", "rpps", "profession", "specialty", "finess", "ins")) {
      String value = System.getProperty(name);
      if (value != null) {
        claims.put(name, value);
      }
    }
    int minutes = Integer.getInteger("minutes", 60);
    DevKeys keys = DevKeys.in(DevSettings.fromEnvironment().keysFolder());
    // A command-line tool, not the server: the token is its only output, on standard output, so
    // that a shell captures it (README: ADMIN=$(...)); a logger writes to standard error, which
    // the capture would miss. A patient's token carries the INS asked for, as the caller typed it:
    // it goes to that caller's terminal, never to a log.
    System.out.println(new DevTokens(keys.privateKey()).mint(role, claims, minutes));
  }
}

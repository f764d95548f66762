package fr.carnet.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One load of the performance bench, as either generator sends it (wrk through its Lua script, or
 * the Java client): the requests' method, paths taken in turn, bearer token, and for a push a body
 * template whose {@code {{ID}}} becomes a unique id per request and {@code {{NIR}}} the records'
 * NIRs in turn.
 *
 * @param token null for a request without an Authorization header
 * @param tokens one bearer token per path, taken with it (each patient reads with their own), or
 *     empty when {@code token} goes with every path
 * @param body null for a request without a body
 * @param target null when the issue sets none for this load
 * @param largeResponses responses so large (FHIR's search pages) that handing each to wrk's Lua to
 *     check its status costs wrk more CPU than the rest of its work: wrk then counts as failures
 *     only the statuses above 399, as it does by itself (the Java client checks all)
 */
record LoadSpec(
    String name,
    String method,
    List<String> paths,
    String token,
    String contentType,
    byte[] body,
    List<String> nirs,
    int expected,
    Target target,
    boolean largeResponses,
    List<String> tokens) {

  static final String ID = "{{ID}}";
  static final String NIR = "{{NIR}}";

  LoadSpec {
    if (!tokens.isEmpty() && tokens.size() != paths.size()) {
      throw new IllegalArgumentException(name + ": one token per path, or none");
    }
  }

  static LoadSpec get(String name, List<String> paths, String token, int expected, Target target) {
    return new LoadSpec(
        name, "GET", paths, token, null, null, List.of(), expected, target, false, List.of());
  }

  /** GETs each with its own bearer token: path i with token i. */
  static LoadSpec getEachAs(
      String name, List<String> paths, List<String> tokens, int expected, Target target) {
    return new LoadSpec(
        name, "GET", paths, null, null, null, List.of(), expected, target, false, tokens);
  }

  /** The bearer token of request {@code index} (the path's own, or the load's one). */
  String tokenAt(int index) {
    return tokens.isEmpty() ? token : tokens.get(index % tokens.size());
  }

  /** The same load, its statuses checked by wrk above 399 only (see {@code largeResponses}). */
  LoadSpec withLargeResponses() {
    return new LoadSpec(
        name, method, paths, token, contentType, body, nirs, expected, target, true, tokens);
  }

  static LoadSpec post(
      String name,
      String path,
      String token,
      String contentType,
      byte[] body,
      List<String> nirs,
      int expected,
      Target target) {
    return post(name, List.of(path), token, contentType, body, nirs, expected, target);
  }

  /** POSTs to {@code paths} in turn (a message into each conversation), the NIRs in turn too. */
  static LoadSpec post(
      String name,
      List<String> paths,
      String token,
      String contentType,
      byte[] body,
      List<String> nirs,
      int expected,
      Target target) {
    return new LoadSpec(
        name, "POST", paths, token, contentType, body, nirs, expected, target, false, List.of());
  }

  /**
   * The body of one request: the template with its placeholders replaced (bytes, as a multipart
   * body holds the PDF's own; the placeholders are ASCII and found as such).
   */
  byte[] render(String id, String nir) {
    String latin = new String(body, StandardCharsets.ISO_8859_1);
    List<String> parts = new ArrayList<>();
    int from = 0;
    while (true) {
      int at = latin.indexOf("{{", from);
      if (at < 0) {
        break;
      }
      int end = latin.indexOf("}}", at);
      parts.add(latin.substring(from, at));
      String name = latin.substring(at, end + 2);
      parts.add(
          switch (name) {
            case ID -> id;
            case NIR -> nir;
            default -> throw new IllegalArgumentException("Unknown placeholder " + name);
          });
      from = end + 2;
    }
    parts.add(latin.substring(from));
    return String.join("", parts).getBytes(StandardCharsets.ISO_8859_1);
  }

  /**
   * What the issue asks of a load on this machine, with 8 clients: at least {@code minRate}
   * requests/s and, when given, a p99 below {@code maxP99Millis}; a run with failures meets none.
   */
  record Target(double minRate, Double maxP99Millis) {

    static Target rate(double minRate) {
      return new Target(minRate, null);
    }

    static Target rateAndP99(double minRate, double maxP99Millis) {
      return new Target(minRate, maxP99Millis);
    }

    boolean met(Measured measured) {
      return measured.failures() == 0
          && measured.throughput() >= minRate
          && (maxP99Millis == null || measured.p99Millis() < maxP99Millis);
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "≥ %,.0f/s", minRate)
          + (maxP99Millis == null
              ? ""
              : String.format(Locale.ROOT, ", p99 < %.0f ms", maxP99Millis));
    }
  }
}

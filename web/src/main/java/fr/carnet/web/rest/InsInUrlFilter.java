package fr.carnet.web.rest;

import fr.carnet.identity.model.Ins;
import fr.carnet.identity.model.InsKind;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses, at {@code /api} and {@code /fhir} alike and whatever the method, a request whose URL
 * (path or query string) carries an INS: a URL is written to every access log and proxy on its way.
 * The answer (400 {@code INS_IN_URL}) says to send it in the body: {@code records/lookup} at {@code
 * /api}, {@code POST [base]/Patient/_search} with a form body at {@code /fhir}. Only a well-formed
 * number with a valid key counts, so record ids and dates pass.
 */
@WebFilter(
    urlPatterns = {"/api/*", "/fhir/*"},
    asyncSupported = true)
public class InsInUrlFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  // A NIR or NIA standing alone: not inside a longer run of letters or digits.
  private static final Pattern CANDIDATE =
      Pattern.compile("(?<![0-9A-Za-z])[1-478][0-9]{4}(?:[0-9]{2}|2[ABab])[0-9]{8}(?![0-9A-Za-z])");

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (carriesIns(request.getRequestURI()) || carriesIns(request.getQueryString())) {
      ServletProblems.write(
          request,
          response,
          ErrorCode.INS_IN_URL,
          "An INS never goes in a URL: send it in the request body (POST /api/v1/records/lookup,"
              + " or POST [base]/Patient/_search and [base]/DocumentReference/_search with an"
              + " application/x-www-form-urlencoded body at /fhir)");
      return;
    }
    chain.doFilter(request, response);
  }

  /** Whether the text, raw or URL-decoded, holds a valid INS number. */
  static boolean carriesIns(String text) {
    if (text == null || text.length() < 15) {
      return false;
    }
    return holdsIns(text) || holdsIns(decoded(text));
  }

  private static boolean holdsIns(String text) {
    Matcher candidate = CANDIDATE.matcher(text);
    while (candidate.find()) {
      try {
        new Ins(candidate.group().toUpperCase(), InsKind.NIR);
        return true;
      } catch (CarnetException notAnIns) {
        // a number of the same shape whose key does not match: not an INS
      }
    }
    return false;
  }

  private static String decoded(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return text;
    }
  }
}

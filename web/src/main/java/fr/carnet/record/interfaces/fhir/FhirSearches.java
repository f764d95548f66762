package fr.carnet.record.interfaces.fhir;

import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import fr.carnet.web.rest.Paging;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/** What every search at {@code /fhir} does alike: refuse an INS in a URL, build its page. */
public final class FhirSearches {

  private FhirSearches() {}

  /**
   * A search naming a person by INS must come as {@code POST …/_search} with a form body: a NIR in
   * a URL would be written to every log and proxy on its way.
   */
  public static void refuseInsInUrl(RequestDetails request, String parameter, String resourceType) {
    if (request.getRequestType() == RequestTypeEnum.GET) {
      throw new CarnetException(
          ErrorCode.INS_IN_URL,
          "Search by INS with POST [base]/"
              + resourceType
              + "/_search and "
              + parameter
              + " in an application/x-www-form-urlencoded body: an INS never goes in a URL");
    }
  }

  /** The page size asked for ({@code _count}), 1 to {@code max}. */
  public static int count(Integer count, int byDefault, int max) {
    return Paging.size("_count", count, byDefault, max);
  }

  /** The start of a date range, or null. */
  public static Instant from(DateRangeParam date) {
    return date == null || date.getLowerBoundAsInstant() == null
        ? null
        : date.getLowerBoundAsInstant().toInstant();
  }

  /**
   * The end of a date range, exclusive, or null: a day's upper bound is its last instant, so what
   * comes before the next one.
   */
  public static Instant to(DateRangeParam date) {
    return date == null || date.getUpperBoundAsInstant() == null
        ? null
        : date.getUpperBoundAsInstant().toInstant().plusMillis(1);
  }

  /**
   * A searchset of {@code resources}, with a {@code next} link when {@code cursor} is not null: the
   * request's own parameters but {@code replaced}, plus {@code fixed} (the patient by id, never by
   * INS), the cursor and the page size.
   */
  public static Bundle page(
      RequestDetails request,
      String resourceType,
      List<? extends Resource> resources,
      Map<String, String> fixed,
      Set<String> replaced,
      String cursor,
      int count) {
    String base = request.getFhirServerBase();
    Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
    StringJoiner query = new StringJoiner("&");
    fixed.forEach((name, value) -> query.add(name + "=" + encode(value)));
    request
        .getParameters()
        .forEach(
            (name, values) -> {
              if (!replaced.contains(name)
                  && !fixed.containsKey(name)
                  && !name.equals("cursor")
                  && !name.equals("_count")) {
                for (String value : values) {
                  query.add(encode(name) + "=" + encode(value));
                }
              }
            });
    query.add("_count=" + count);
    String self = base + "/" + resourceType + "?" + query;
    bundle.addLink().setRelation(Bundle.LINK_SELF).setUrl(self);
    if (cursor != null) {
      bundle.addLink().setRelation(Bundle.LINK_NEXT).setUrl(self + "&cursor=" + encode(cursor));
    }
    for (Resource resource : resources) {
      bundle
          .addEntry()
          .setFullUrl(base + "/" + resourceType + "/" + resource.getIdElement().getIdPart())
          .setResource(resource)
          .getSearch()
          .setMode(Bundle.SearchEntryMode.MATCH);
    }
    return bundle;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}

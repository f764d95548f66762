package fr.carnet.web.fhir;

import fr.carnet.audit.model.TraceAction;
import java.util.Set;

/**
 * The trace action a FHIR request would have been, read from its method and path alone (before HAPI
 * parses it), for the trace of a caller refused at the door: the same actions the providers'
 * services trace for the same interactions.
 */
final class FhirInteractions {

  /** The resource types Carnet serves; any other path is named "other" in a trace. */
  private static final Set<String> SERVED =
      Set.of("Patient", "DocumentReference", "List", "Binary", "AuditEvent", "SearchParameter");

  private static final Set<String> METHODS =
      Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD");

  private FhirInteractions() {}

  static TraceAction action(String method, String pathInfo) {
    String[] parts = parts(pathInfo);
    String type = parts.length == 0 ? "" : parts[0];
    if ("POST".equalsIgnoreCase(method) && parts.length == 0) {
      // ITI-65: a transaction Bundle posted at the base.
      return TraceAction.DOCUMENT_PUBLISH;
    }
    return switch (type) {
      case "Patient" ->
          parts.length > 2 && parts[2].equals("$summary")
              ? TraceAction.SUMMARY_READ
              : TraceAction.RECORD_LOOKUP;
      case "DocumentReference" ->
          parts.length > 1 && !parts[1].startsWith("_")
              ? TraceAction.DOCUMENT_READ
              : TraceAction.DOCUMENT_SEARCH;
      case "Binary" -> TraceAction.CONTENT_READ;
      case "AuditEvent" -> TraceAction.AUDIT_SEARCH;
      default -> TraceAction.DOCUMENT_SEARCH;
    };
  }

  /**
   * What the trace says of the request: its method and resource type, never the path's ids (a
   * record's id is not named by a refusal at the door) nor text the caller chose.
   */
  static String detail(String method, String pathInfo) {
    String[] parts = parts(pathInfo);
    String type = parts.length == 0 ? "" : parts[0];
    String verb = method != null && METHODS.contains(method) ? method : "OTHER";
    return "fhir " + verb + " " + (type.isEmpty() ? "/" : SERVED.contains(type) ? type : "other");
  }

  private static String[] parts(String pathInfo) {
    if (pathInfo == null) {
      return new String[0];
    }
    String trimmed = pathInfo.startsWith("/") ? pathInfo.substring(1) : pathInfo;
    return trimmed.isEmpty() ? new String[0] : trimmed.split("/", 4);
  }
}

package fr.carnet.reference.interfaces.rest;

import fr.carnet.reference.application.ReferenceListService;
import fr.carnet.reference.model.ReferenceEntry;
import fr.carnet.web.security.ApiRoles;
import fr.carnet.web.security.CurrentActor;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The reference lists an integrator's software checks its codes against: the document classes and
 * the professions, for every person's role. They change only with a deployment, so each is written
 * to JSON once and sent as those bytes, with a strong entity tag: a client that kept them asks with
 * {@code If-None-Match} and gets a 304.
 */
@Path("/v1/reference")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
// An app passes the coarse check so that the gate, not the filter, refuses it: with a trace.
@ApiRoles({"professional", "patient", "agent", "auditor", "admin", "app"})
@Tag(name = "Reference data")
public class ReferenceListResource {

  private static final Jsonb JSON = JsonbBuilder.create();
  private static final CacheControl PRIVATE_FOR_AN_HOUR =
      CacheControl.valueOf("private, max-age=3600");

  @EJB private ReferenceListService lists;
  @Inject private CurrentActor actor;

  /** A list as sent, for as long as the list it was written from is the one kept. */
  private record Written(List<ReferenceEntry> entries, byte[] json, EntityTag tag) {}

  private final Map<String, Written> written = new ConcurrentHashMap<>();

  /** A code and its labels. */
  public record EntryJson(String code, String labelFr, String labelEn) {}

  @GET
  @Path("classes")
  @Operation(summary = "The document classes, their codes and labels (any person's role)")
  @APIResponse(
      responseCode = "200",
      description = "The classes, by code",
      content = @Content(schema = @Schema(implementation = EntryJson[].class)))
  @APIResponse(responseCode = "304", description = "Unchanged since the entity tag sent")
  public Response classes(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
    return send("classes", lists.documentClasses(actor.get()), ifNoneMatch);
  }

  @GET
  @Path("professions")
  @Operation(summary = "The professions (RPPS codes) and their labels (any person's role)")
  @APIResponse(
      responseCode = "200",
      description = "The professions, by code",
      content = @Content(schema = @Schema(implementation = EntryJson[].class)))
  @APIResponse(responseCode = "304", description = "Unchanged since the entity tag sent")
  public Response professions(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
    return send("professions", lists.professions(actor.get()), ifNoneMatch);
  }

  private Response send(String name, List<ReferenceEntry> entries, String ifNoneMatch) {
    Written list = written.get(name);
    if (list == null || list.entries() != entries) {
      list = write(entries);
      written.put(name, list);
    }
    if (matches(ifNoneMatch, list.tag())) {
      return Response.notModified(list.tag()).cacheControl(PRIVATE_FOR_AN_HOUR).build();
    }
    return Response.ok(list.json(), MediaType.APPLICATION_JSON_TYPE)
        .tag(list.tag())
        .cacheControl(PRIVATE_FOR_AN_HOUR)
        .build();
  }

  /** Whether an {@code If-None-Match} list names the tag, or is {@code *} (RFC 9110, 13.1.2). */
  static boolean matches(String ifNoneMatch, EntityTag tag) {
    if (ifNoneMatch == null) {
      return false;
    }
    String quoted = "\"" + tag.getValue() + "\"";
    for (String sent : ifNoneMatch.split(",")) {
      String candidate = sent.strip();
      // Weak comparison, as the header asks: W/"x" names the same list as "x".
      if (candidate.startsWith("W/")) {
        candidate = candidate.substring(2);
      }
      if (candidate.equals("*") || candidate.equals(quoted)) {
        return true;
      }
    }
    return false;
  }

  private static Written write(List<ReferenceEntry> entries) {
    List<EntryJson> json =
        entries.stream().map(e -> new EntryJson(e.code(), e.labelFr(), e.labelEn())).toList();
    byte[] bytes = JSON.toJson(json).getBytes(StandardCharsets.UTF_8);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return new Written(entries, bytes, new EntityTag(HexFormat.of().formatHex(digest, 0, 16)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}

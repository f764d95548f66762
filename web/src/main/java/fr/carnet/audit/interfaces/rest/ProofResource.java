package fr.carnet.audit.interfaces.rest;

import fr.carnet.audit.application.TreeService;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import fr.carnet.web.security.ApiRoles;
import fr.carnet.web.security.CurrentActor;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** RFC 9162 proofs over the audit trail's Merkle tree (auditors). */
@Path("/v1/audit/proofs")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@ApiRoles({"professional", "patient", "agent", "auditor", "admin"})
@Tag(name = "Audit")
public class ProofResource {

  @EJB private TreeService tree;
  @Inject private CurrentActor actor;

  /** That a trace is leaf {@code position} of the tree of {@code size} leaves. */
  public record InclusionJson(
      long traceId,
      long position,
      long size,
      String leafHash,
      String root,
      List<String> proof,
      @Schema(nullable = true) TreeHeadJson head) {}

  /** That the tree of {@code from} leaves is a prefix of the tree of {@code to}. */
  public record ConsistencyJson(
      long from,
      long to,
      String fromRoot,
      String toRoot,
      List<String> proof,
      @Schema(nullable = true) TreeHeadJson fromHead,
      @Schema(nullable = true) TreeHeadJson toHead) {}

  @GET
  @Path("inclusion")
  @Operation(
      summary = "Inclusion proof of a trace (auditors; size defaults to the latest signed head)")
  @APIResponse(
      responseCode = "200",
      description = "The audit path, leaf to root",
      content = @Content(schema = @Schema(implementation = InclusionJson.class)))
  @APIResponse(responseCode = "400", description = "TREE_SIZE_INVALID")
  @APIResponse(responseCode = "404", description = "NOT_IN_TREE: the trace or size not yet in it")
  public InclusionJson inclusion(
      @QueryParam("trace") String trace, @QueryParam("size") String size) {
    long traceId = positive("trace", trace);
    Long n = size == null || size.isBlank() ? null : positive("size", size);
    TreeService.Inclusion found =
        tree.inclusion(actor.get(), traceId, n)
            .orElseThrow(() -> new CarnetException(ErrorCode.NOT_IN_TREE));
    return new InclusionJson(
        found.traceId(),
        found.position(),
        found.size(),
        TreeHeadJson.hex(found.leafHash()),
        TreeHeadJson.hex(found.root()),
        TreeHeadJson.hex(found.proof()),
        TreeHeadJson.of(found.head()));
  }

  @GET
  @Path("consistency")
  @Operation(summary = "Consistency proof between two tree sizes (auditors)")
  @APIResponse(
      responseCode = "200",
      description = "The proof",
      content = @Content(schema = @Schema(implementation = ConsistencyJson.class)))
  @APIResponse(responseCode = "400", description = "TREE_SIZE_INVALID")
  @APIResponse(responseCode = "404", description = "NOT_IN_TREE: to is larger than the tree")
  public ConsistencyJson consistency(@QueryParam("from") String from, @QueryParam("to") String to) {
    long m = positive("from", from);
    long n = positive("to", to);
    if (m > n) {
      throw new CarnetException(ErrorCode.TREE_SIZE_INVALID, "from must not be larger than to");
    }
    TreeService.Consistency found =
        tree.consistency(actor.get(), m, n)
            .orElseThrow(() -> new CarnetException(ErrorCode.NOT_IN_TREE));
    return new ConsistencyJson(
        found.from(),
        found.to(),
        TreeHeadJson.hex(found.fromRoot()),
        TreeHeadJson.hex(found.toRoot()),
        TreeHeadJson.hex(found.proof()),
        TreeHeadJson.of(found.fromHead()),
        TreeHeadJson.of(found.toHead()));
  }

  /** A required positive whole number, or 400 TREE_SIZE_INVALID naming the parameter. */
  static long positive(String name, String value) {
    try {
      long parsed = Long.parseLong(value == null ? "" : value.strip());
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new CarnetException(
        ErrorCode.TREE_SIZE_INVALID, name + " must be a positive whole number");
  }
}

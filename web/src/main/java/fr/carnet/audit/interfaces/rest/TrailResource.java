package fr.carnet.audit.interfaces.rest;

import fr.carnet.audit.application.TrailExport;
import fr.carnet.audit.application.TreeService;
import fr.carnet.web.security.ApiRoles;
import fr.carnet.web.security.CurrentActor;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The whole trail as the Merkle tree covers it, for an auditor's offline verifier. */
@Path("/v1/audit/tree")
@ApplicationScoped
@ApiRoles({"professional", "patient", "agent", "auditor", "admin"})
@Tag(name = "Audit")
public class TrailResource {

  static final String NDJSON = "application/x-ndjson";

  @EJB private TreeService tree;
  @Inject private CurrentActor actor;

  @GET
  @Path("leaves")
  @Produces(NDJSON)
  @Operation(
      summary = "Every leaf of the tree with the whole trace it covers, as NDJSON (auditors)",
      description =
          "One line per position from 0 to to - 1 (the tree's size by default), in order:"
              + " {position, leafHash (hex, as stored), trace: {form, id, atMicros, actorRole,"
              + " actorId, actorRpps, actorProfession, actorFiness, recordId, documentId, action,"
              + " outcome, reason, detail, accessMode, requestId, salt}}; trace is null when its"
              + " row is gone; a position with no leaf is absent. Streamed in batches. With the"
              + " witness file and the public key, the offline verifier rebuilds every witnessed"
              + " root from it.")
  @APIResponse(responseCode = "200", description = "NDJSON, one position a line")
  @APIResponse(
      responseCode = "400",
      description = "TREE_SIZE_INVALID: to is not a positive whole number, or beyond the tree")
  @APIResponse(responseCode = "403", description = "FORBIDDEN: auditors only")
  public Response leaves(@QueryParam("to") String to) {
    Long n = to == null || to.isBlank() ? null : ProofResource.positive("to", to);
    TrailExport export = tree.leaves(actor.get(), n);
    StreamingOutput body = export::writeTo;
    return Response.ok(body, NDJSON + "; charset=UTF-8")
        .header(
            "Content-Disposition",
            "attachment; filename=\"carnet-trail-" + export.to() + ".ndjson\"")
        .header("Cache-Control", "no-store")
        .build();
  }
}

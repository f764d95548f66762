package fr.carnet.audit.interfaces.rest;

import fr.carnet.audit.application.TreeService;
import fr.carnet.audit.model.TreeHeadSignature;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import fr.carnet.web.security.ApiRoles;
import fr.carnet.web.security.CurrentActor;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Base64;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Signed tree heads of the audit trail's Merkle tree, and the key that signs them (auditors). */
@Path("/v1/audit/tree-heads")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@ApiRoles({"professional", "patient", "agent", "auditor", "admin"})
@Tag(name = "Audit")
public class TreeHeadResource {

  @EJB private TreeService tree;
  @Inject private CurrentActor actor;

  /** The public key that verifies every head. */
  public record KeyJson(
      String algorithm,
      @Schema(description = "X.509 SubjectPublicKeyInfo, base64") String publicKey,
      String keyId) {}

  @GET
  @Operation(summary = "The latest signed tree head, or the one of that size (auditors)")
  @APIResponse(
      responseCode = "200",
      description = "The head",
      content = @Content(schema = @Schema(implementation = TreeHeadJson.class)))
  @APIResponse(responseCode = "404", description = "No head signed yet, or none of that size")
  public TreeHeadJson head(@QueryParam("size") String size) {
    Long n = size == null || size.isBlank() ? null : ProofResource.positive("size", size);
    return TreeHeadJson.of(
        tree.head(actor.get(), n).orElseThrow(() -> new CarnetException(ErrorCode.NOT_IN_TREE)));
  }

  @POST
  @Operation(summary = "Sign and publish a head now, the tree caught up first (auditors)")
  @APIResponse(
      responseCode = "200",
      description = "The head just published",
      content = @Content(schema = @Schema(implementation = TreeHeadJson.class)))
  public TreeHeadJson publish() {
    return TreeHeadJson.of(tree.publishNow(actor.get()));
  }

  @GET
  @Path("key")
  @Operation(summary = "The Ed25519 public key that signs the tree heads (auditors)")
  @APIResponse(
      responseCode = "200",
      description = "The key",
      content = @Content(schema = @Schema(implementation = KeyJson.class)))
  public KeyJson key() {
    return tree.key(actor.get())
        .map(
            key ->
                new KeyJson(
                    TreeHeadSignature.ALGORITHM,
                    Base64.getEncoder().encodeToString(key.getEncoded()),
                    TreeHeadSignature.keyId(key)))
        .orElseThrow(() -> new CarnetException(ErrorCode.TREE_NOT_SIGNED));
  }
}

package fr.carnet.reference.interfaces.rest;

import fr.carnet.reference.application.MatrixService;
import fr.carnet.reference.model.MatrixChange;
import fr.carnet.web.security.ApiRoles;
import fr.carnet.web.security.CurrentActor;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The authorisation matrix, kept by administrators; every change traced. */
@Path("/v1/reference/matrix")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@ApiRoles({"professional", "patient", "agent", "auditor", "admin"})
@Tag(name = "Reference data")
public class MatrixResource {

  @EJB private MatrixService matrix;
  @Inject private CurrentActor actor;

  /** A cell of the matrix. */
  public record CellJson(
      String profession,
      String specialty,
      @JsonbProperty("class") String classCode,
      @Schema(enumeration = {"R", "W", "RW", "-"}) String rights) {}

  /** A change of a cell. */
  public record ChangeJson(
      @Schema(type = SchemaType.STRING, format = "date-time") Instant at,
      String changedBy,
      String profession,
      String specialty,
      @JsonbProperty("class") String classCode,
      @Schema(nullable = true) String oldRights,
      String newRights) {

    static ChangeJson of(MatrixChange change) {
      return new ChangeJson(
          change.at(),
          change.changedBy(),
          change.profession(),
          change.specialty(),
          change.classCode(),
          change.oldRights() == null ? null : change.oldRights().cell(),
          change.newRights().cell());
    }
  }

  /** The new value of a cell. */
  public static class CellRequest {
    @Schema(enumeration = {"R", "W", "RW", "-"})
    @NotNull
    public String rights;
  }

  @GET
  @Operation(summary = "Every cell of the matrix (administrators)")
  @APIResponse(
      responseCode = "200",
      description = "The cells",
      content = @Content(schema = @Schema(implementation = CellJson[].class)))
  public List<CellJson> cells() {
    return matrix.cells(actor.get()).stream()
        .map(c -> new CellJson(c.profession(), c.specialty(), c.classCode(), c.rights().cell()))
        .toList();
  }

  @GET
  @Path("changes")
  @Operation(summary = "Changes to the matrix, newest first: who, when, from what to what")
  @APIResponse(
      responseCode = "200",
      description = "The changes",
      content = @Content(schema = @Schema(implementation = ChangeJson[].class)))
  public List<ChangeJson> changes() {
    return matrix.changes(actor.get()).stream().map(ChangeJson::of).toList();
  }

  @PUT
  @Path("{profession}/{specialty}/{classCode}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Set a cell (specialty * for the profession's default row); applies at once")
  @APIResponse(
      responseCode = "200",
      description = "The change made",
      content = @Content(schema = @Schema(implementation = ChangeJson.class)))
  @APIResponse(
      responseCode = "400",
      description = "VALIDATION_FAILED, PROFESSION_UNKNOWN, DOCUMENT_CLASS_UNKNOWN")
  public ChangeJson change(
      @PathParam("profession") String profession,
      @PathParam("specialty") String specialty,
      @PathParam("classCode") String classCode,
      @Valid @NotNull CellRequest request) {
    return ChangeJson.of(
        matrix.change(actor.get(), profession, specialty, classCode, request.rights));
  }
}

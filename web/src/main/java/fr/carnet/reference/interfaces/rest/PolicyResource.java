package fr.carnet.reference.interfaces.rest;

import fr.carnet.reference.application.PolicyService;
import fr.carnet.reference.model.DurationChange;
import fr.carnet.reference.model.DurationSetting;
import fr.carnet.reference.model.PolicyDuration;
import fr.carnet.reference.model.TypeMappingChange;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
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

/**
 * The rest of the policy, kept by administrators: the document types' classes and the rule book's
 * durations, each change traced and kept in its history.
 */
@Path("/v1/reference")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@ApiRoles({"professional", "patient", "agent", "auditor", "admin"})
@Tag(name = "Reference data")
public class PolicyResource {

  @EJB private PolicyService policy;
  @Inject private CurrentActor actor;

  /** A document type and its class. */
  public record TypeJson(String system, String code, @JsonbProperty("class") String classCode) {}

  public record TypeChangeJson(
      @Schema(type = SchemaType.STRING, format = "date-time") Instant at,
      String changedBy,
      String system,
      String code,
      @Schema(nullable = true) String oldClass,
      String newClass) {

    static TypeChangeJson of(TypeMappingChange change) {
      return new TypeChangeJson(
          change.at(),
          change.changedBy(),
          change.system(),
          change.code(),
          change.oldClass(),
          change.newClass());
    }
  }

  /** A duration: the value in force, the configured one, who set it last. */
  public record DurationJson(
      String name,
      String label,
      String value,
      String configured,
      @Schema(nullable = true) String changedBy,
      @Schema(type = SchemaType.STRING, format = "date-time", nullable = true) Instant changedAt) {

    static DurationJson of(DurationSetting setting) {
      return new DurationJson(
          setting.duration().name(),
          setting.duration().label(),
          setting.value(),
          setting.configured(),
          setting.changedBy(),
          setting.changedAt());
    }
  }

  public record DurationChangeJson(
      @Schema(type = SchemaType.STRING, format = "date-time") Instant at,
      String changedBy,
      String name,
      @Schema(nullable = true) String oldValue,
      String newValue) {

    static DurationChangeJson of(DurationChange change) {
      return new DurationChangeJson(
          change.at(),
          change.changedBy(),
          change.duration().name(),
          change.oldValue(),
          change.newValue());
    }
  }

  public static class TypeRequest {
    @NotNull public String system;
    @NotNull public String code;

    @NotNull
    @JsonbProperty("class")
    public String classCode;
  }

  public static class DurationRequest {
    @Schema(description = "ISO-8601: P42D, PT24H, or a period such as P10Y for RETENTION")
    @NotNull
    public String value;
  }

  @GET
  @Path("types")
  @Operation(summary = "The document types and their classes (administrators)")
  @APIResponse(
      responseCode = "200",
      description = "Types",
      content = @Content(schema = @Schema(implementation = TypeJson[].class)))
  public List<TypeJson> types() {
    return policy.types(actor.get()).stream()
        .map(type -> new TypeJson(type.system(), type.code(), type.classCode()))
        .toList();
  }

  @PUT
  @Path("types")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Put a document type in a class, or add a type (administrators); documents already"
              + " filed keep their class")
  @APIResponse(responseCode = "200", description = "The change made")
  @APIResponse(responseCode = "400", description = "VALIDATION_FAILED, DOCUMENT_CLASS_UNKNOWN")
  public TypeChangeJson mapType(@Valid @NotNull TypeRequest request) {
    return TypeChangeJson.of(
        policy.mapType(actor.get(), request.system, request.code, request.classCode));
  }

  @GET
  @Path("types/changes")
  @Operation(summary = "Changes to the type mapping, newest first")
  public List<TypeChangeJson> typeChanges() {
    return policy.typeChanges(actor.get()).stream().map(TypeChangeJson::of).toList();
  }

  @GET
  @Path("durations")
  @Operation(summary = "The policy durations in force (administrators)")
  @APIResponse(
      responseCode = "200",
      description = "Durations",
      content = @Content(schema = @Schema(implementation = DurationJson[].class)))
  public List<DurationJson> durations() {
    return policy.durations(actor.get()).stream().map(DurationJson::of).toList();
  }

  @PUT
  @Path("durations/{name}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Set a policy duration (administrators); applies to what starts from now")
  @APIResponse(responseCode = "200", description = "The change made")
  @APIResponse(responseCode = "400", description = "VALIDATION_FAILED")
  public DurationChangeJson setDuration(
      @PathParam("name") String name, @Valid @NotNull DurationRequest request) {
    PolicyDuration duration;
    try {
      duration = PolicyDuration.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new CarnetException(ErrorCode.VALIDATION_FAILED, "unknown duration " + name);
    }
    return DurationChangeJson.of(policy.setDuration(actor.get(), duration, request.value));
  }

  @GET
  @Path("durations/changes")
  @Operation(summary = "Changes to the durations, newest first")
  public List<DurationChangeJson> durationChanges() {
    return policy.durationChanges(actor.get()).stream().map(DurationChangeJson::of).toList();
  }
}

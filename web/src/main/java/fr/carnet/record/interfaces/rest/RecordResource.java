package fr.carnet.record.interfaces.rest;

import fr.carnet.record.application.PersonMatch;
import fr.carnet.record.application.RecordLookup;
import fr.carnet.record.application.RecordService;
import fr.carnet.record.application.RecordView;
import fr.carnet.record.model.Contact;
import fr.carnet.web.security.ApiRoles;
import fr.carnet.web.security.CurrentActor;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Records as accounts, keyed on the INS. Translates only: the service decides and the problem
 * mappers answer refusals. The NIR travels in bodies, never in a URL.
 */
@Path("/v1/records")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
// Authentication gate only: which role may do what is the access policy's decision.
@ApiRoles({"professional", "patient", "agent", "auditor", "admin"})
@Tag(name = "Records", description = "Records keyed on the INS")
public class RecordResource {

  @EJB private RecordService records;
  @Inject private CurrentActor actor;
  @Context private UriInfo uri;

  @POST
  @Operation(summary = "Create one record (admin): enrolment, or migration with open=true")
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content = @Content(schema = @Schema(implementation = RecordJson.class)))
  @APIResponse(responseCode = "400", description = "Invalid INS, traits or body")
  @APIResponse(responseCode = "409", description = "RECORD_ALREADY_EXISTS")
  public Response create(@Valid @NotNull CreateRecordRequest request) {
    Contact contact =
        request.contact == null
            ? new Contact(null, null)
            : new Contact(request.contact.email, request.contact.phone, request.contact.address);
    RecordView created =
        records.create(
            actor.get(),
            IdentityMapping.ins(request.ins),
            IdentityMapping.traits(request.traits),
            contact,
            Boolean.TRUE.equals(request.open));
    return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
        .entity(RecordJson.of(created))
        .build();
  }

  @POST
  @Path("lookup")
  @Operation(summary = "Find a record from an INS and its five traits (professional, agent)")
  @APIResponse(
      responseCode = "200",
      description = "The record's id and availability",
      content = @Content(schema = @Schema(implementation = LookupJson.class)))
  @APIResponse(responseCode = "404", description = "RECORD_NOT_FOUND")
  @APIResponse(responseCode = "409", description = "INS_TRAITS_MISMATCH")
  public LookupJson lookup(@Valid @NotNull LookupRequest request) {
    RecordLookup found =
        records.lookup(
            actor.get(), IdentityMapping.ins(request.ins), IdentityMapping.traits(request.traits));
    return new LookupJson(found.id(), found.available());
  }

  /** A search by name and birth date; in the body, since names do not belong in URLs or logs. */
  public static class PersonSearchRequest {
    @NotNull
    @Size(min = 2, max = 100)
    public String birthName;

    @NotNull
    @Schema(type = SchemaType.STRING, format = "date")
    public LocalDate birthDate;
  }

  /** The persons found: identity traits and the account's state, never the INS. */
  public record PersonSearchJson(List<PersonMatch> persons, boolean more) {}

  @POST
  @Path("search")
  @Operation(
      summary =
          "Find persons by birth name (its beginning, without accents or case) and birth date"
              + " (agent); at most 20, more says when to narrow")
  @APIResponse(
      responseCode = "200",
      description = "The persons found",
      content = @Content(schema = @Schema(implementation = PersonSearchJson.class)))
  public PersonSearchJson search(@Valid @NotNull PersonSearchRequest request) {
    RecordService.PersonSearch found =
        records.search(actor.get(), request.birthName, request.birthDate);
    return new PersonSearchJson(found.matches(), found.more());
  }

  @GET
  @Path("mine")
  // A connected app too (issue 21): the record of the patient whose token it holds.
  @ApiRoles({"professional", "patient", "agent", "auditor", "admin", "app"})
  @Operation(
      summary =
          "The caller's own record (patient); for a connected app, its patient's record, with a"
              + " live grant of any scope (403 APP_SUSPENDED, APP_NOT_REFERENCED,"
              + " APP_NOT_CONNECTED, APP_GRANT_EXPIRED; 409 RECORD_NOT_AVAILABLE), traced"
              + " RECORD_READ_OWN with the app as actor; the id and state only, no identity")
  @APIResponse(
      responseCode = "200",
      description = "The record's id and state",
      content = @Content(schema = @Schema(implementation = RecordJson.class)))
  public RecordJson mine() {
    return RecordJson.of(records.mine(actor.get()));
  }
}

package fr.carnet.catalogue.interfaces.rest;

import fr.carnet.catalogue.application.ConnectionService;
import fr.carnet.catalogue.model.Connection;
import fr.carnet.record.interfaces.rest.ResourceIds;
import fr.carnet.record.model.DocumentQuery;
import fr.carnet.record.model.DocumentStatus;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import fr.carnet.web.rest.Paging;
import fr.carnet.web.security.ApiRoles;
import fr.carnet.web.security.CurrentActor;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The apps connected to a record (issue 21): the person connects a referenced app with some of its
 * scopes for a while; the person, or an agent for a caller they confirmed, lists and revokes; the
 * person previews what each app can see. Parses and answers only.
 */
@Path("/v1/records/{recordId}/apps")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@ApiRoles({"patient", "agent"})
@Tag(name = "Patient controls")
public class ConnectedAppsResource {

  @EJB private ConnectionService connections;
  @Inject private CurrentActor actor;

  /** A referenced app to connect, the scopes granted (a subset of its own), for how long. */
  public static class ConnectJson {
    public String clientId;
    public List<String> scopes;

    @Schema(description = "ISO-8601, as P90D; at most carnet.catalogue.max-grant")
    public String duration;
  }

  /** A connected app. */
  public record ConnectionJson(
      String id,
      String clientId,
      String name,
      List<String> scopes,
      Instant grantedAt,
      Instant expiresAt) {}

  /** The record's connected apps. */
  public record ConnectionsJson(List<ConnectionJson> items) {}

  /** One document of the page, as a connected app would find it. */
  public record SeenJson(
      String id,
      String classCode,
      String title,
      Instant authoredAt,
      boolean visible,
      String layer,
      String reason) {}

  /** What one connected app can see. */
  public record AppPreviewJson(
      ConnectionJson app, boolean permitted, String reason, List<SeenJson> documents) {}

  /** What every connected app can see. */
  public record PreviewJson(List<AppPreviewJson> items) {}

  @GET
  @Operation(
      summary =
          "The apps connected to the record, neither revoked nor expired (the person; an agent"
              + " once the caller is confirmed). Traced APP_LIST")
  @APIResponse(
      responseCode = "200",
      description = "The connected apps",
      content = @Content(schema = @Schema(implementation = ConnectionsJson.class)))
  @APIResponse(
      responseCode = "403",
      description = "CALLER_NOT_CONFIRMED, RESERVED_TO_PATIENT, FORBIDDEN")
  public ConnectionsJson list(@PathParam("recordId") String recordId) {
    return new ConnectionsJson(
        connections.list(actor.get(), ResourceIds.uuid(recordId)).stream()
            .map(ConnectedAppsResource::json)
            .toList());
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @ApiRoles("patient")
  @Operation(
      summary =
          "Connect a referenced app (the person alone), granting some of its scopes for a"
              + " duration. Replaces a live connection of the same app. Traced APP_CONNECT")
  @APIResponse(
      responseCode = "201",
      description = "The connection",
      content = @Content(schema = @Schema(implementation = ConnectionJson.class)))
  @APIResponse(
      responseCode = "400",
      description = "APP_SCOPE_INVALID, APP_GRANT_DURATION_INVALID, VALIDATION_FAILED")
  @APIResponse(
      responseCode = "403",
      description = "RESERVED_TO_PATIENT; FORBIDDEN (MINOR_CANNOT_CONNECT_APP: a minor)")
  @APIResponse(responseCode = "404", description = "APP_NOT_FOUND (not referenced)")
  public Response connect(@PathParam("recordId") String recordId, ConnectJson body) {
    if (body == null) {
      throw new CarnetException(ErrorCode.VALIDATION_FAILED, "a body is required");
    }
    Connection connection =
        connections.connect(
            actor.get(), ResourceIds.uuid(recordId), body.clientId, body.scopes, body.duration);
    return Response.status(Response.Status.CREATED).entity(json(connection)).build();
  }

  @DELETE
  @Path("{connectionId}")
  @Operation(
      summary =
          "Revoke a connected app (the person; an agent at a confirmed caller's request, who is"
              + " then notified). Traced APP_REVOKE")
  @APIResponse(responseCode = "204", description = "Revoked: the app gets nothing from now")
  @APIResponse(responseCode = "403", description = "CALLER_NOT_CONFIRMED, RESERVED_TO_PATIENT")
  @APIResponse(responseCode = "404", description = "APP_CONNECTION_NOT_FOUND")
  public Response revoke(
      @PathParam("recordId") String recordId, @PathParam("connectionId") String connectionId) {
    connections.revoke(actor.get(), ResourceIds.uuid(recordId), ResourceIds.uuid(connectionId));
    return Response.noContent().build();
  }

  @GET
  @Path("preview")
  @ApiRoles("patient")
  @Operation(
      summary =
          "What each connected app can see of the record, document by document over one page of"
              + " the person's documents, and why. Nothing is accessed. Traced APP_PREVIEW")
  @APIResponse(
      responseCode = "200",
      description = "The preview",
      content = @Content(schema = @Schema(implementation = PreviewJson.class)))
  public PreviewJson preview(
      @PathParam("recordId") String recordId, @QueryParam("limit") Integer limit) {
    int size = Paging.limit(limit, DocumentQuery.DEFAULT_LIMIT, DocumentQuery.MAX_LIMIT);
    DocumentQuery query =
        new DocumentQuery(null, null, null, null, null, DocumentStatus.CURRENT, null, size);
    return new PreviewJson(
        connections.preview(actor.get(), ResourceIds.uuid(recordId), query).stream()
            .map(
                p ->
                    new AppPreviewJson(
                        json(p.connection()),
                        p.record().permitted(),
                        p.record().reason(),
                        p.documents().stream()
                            .map(
                                d ->
                                    new SeenJson(
                                        d.id().toString(),
                                        d.classCode(),
                                        d.title(),
                                        d.authoredAt(),
                                        d.visible(),
                                        d.layer().name(),
                                        d.reason()))
                            .toList()))
            .toList());
  }

  static ConnectionJson json(Connection c) {
    return new ConnectionJson(
        c.id().toString(),
        c.clientId(),
        c.appName(),
        c.scopes().stream().sorted().toList(),
        c.grantedAt(),
        c.expiresAt());
  }
}

package fr.carnet.audit.interfaces.rest;

import fr.carnet.audit.application.RetentionService;
import fr.carnet.audit.model.TraceRetention;
import fr.carnet.web.security.ApiRoles;
import fr.carnet.web.security.CurrentActor;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
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

/** The purges of trace partitions past their retention, for auditors (traced). */
@Path("/v1/audit/retention")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@ApiRoles({"professional", "patient", "agent", "auditor", "admin"})
@Tag(name = "Audit")
public class RetentionResource {

  @EJB private RetentionService retention;
  @Inject private CurrentActor actor;

  /** The retention in force and every purge. */
  public record RetentionJson(
      @Schema(description = "ISO-8601 period, at least P3Y") String retention,
      List<PurgeJson> purges) {}

  /** One purge: the partition, its month, what it held and where its leaves are. */
  public record PurgeJson(
      long id,
      String partition,
      @Schema(description = "YYYY-MM (UTC)") String month,
      long traces,
      @Schema(nullable = true) Long firstPosition,
      @Schema(nullable = true) Long lastPosition,
      @Schema(description = "the tree positions dropped, as [first, last] runs")
          List<long[]> positions,
      @Schema(description = "the retention it was purged under") String retention,
      @Schema(type = SchemaType.STRING, format = "date-time") Instant purgedAt) {

    static PurgeJson of(TraceRetention.Purge purge) {
      return new PurgeJson(
          purge.id(),
          purge.partition(),
          purge.month().toString().substring(0, 7),
          purge.traces(),
          purge.firstPosition(),
          purge.lastPosition(),
          purge.positions().stream().map(r -> new long[] {r.first(), r.last()}).toList(),
          purge.retention().toString(),
          purge.purgedAt());
    }
  }

  @GET
  @Operation(
      summary = "The trace partitions purged after their retention (auditors)",
      description =
          "Each purge: the partition and its month, how many traces it held, the tree positions"
              + " whose traces were dropped (their leaves stay, and the full integrity check takes"
              + " them as valid by their stored hashes when a head witnessed before now −"
              + " retention covers them), the retention it was purged under and when.")
  @APIResponse(
      responseCode = "200",
      description = "The purges, oldest first",
      content = @Content(schema = @Schema(implementation = RetentionJson.class)))
  public RetentionJson purges() {
    List<TraceRetention.Purge> purges = retention.purges(actor.get());
    return new RetentionJson(
        retention.rule().retention().toString(), purges.stream().map(PurgeJson::of).toList());
  }
}

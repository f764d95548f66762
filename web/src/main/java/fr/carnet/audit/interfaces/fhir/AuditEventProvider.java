package fr.carnet.audit.interfaces.fhir;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import fr.carnet.audit.application.AuditService;
import fr.carnet.audit.model.Trace;
import fr.carnet.audit.model.TraceQuery;
import fr.carnet.record.interfaces.fhir.FhirDocuments;
import fr.carnet.record.interfaces.fhir.FhirSearches;
import fr.carnet.record.interfaces.rest.ResourceIds;
import fr.carnet.security.Actor;
import fr.carnet.web.rest.Paging;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

/**
 * The audit trail as AuditEvent resources, for auditors, in the spirit of IHE BALP: who (an RPPS or
 * an account), what (the action as subtype), on which record and document, when, decided how.
 * Searched through the same {@link AuditService#search} as {@code /api/v1/audit/traces}.
 */
public class AuditEventProvider implements IResourceProvider {

  /** The code system of Carnet's trace actions (the AuditEvent's subtype). */
  public static final String ACTIONS = "urn:carnet:trace-action";

  static final String ACCESS_MODES = "urn:carnet:access-mode";
  private static final String ACTOR_IDS = "urn:carnet:actor";
  private static final String PROFILE_ENTRIES = "urn:carnet:profile-entry";
  private static final int MAX = 200;

  private final AuditService audit;
  private final Supplier<Actor> actor;

  public AuditEventProvider(AuditService audit, Supplier<Actor> actor) {
    this.audit = audit;
    this.actor = actor;
  }

  @Override
  public Class<? extends IBaseResource> getResourceType() {
    return AuditEvent.class;
  }

  @Search
  @Description(shortDefinition = "The audit trail, newest first (auditors)")
  public Bundle find(
      @Description(shortDefinition = "Patient/{record id}")
          @OptionalParam(name = AuditEvent.SP_ENTITY)
          ReferenceParam entity,
      @Description(shortDefinition = "An RPPS or an account's id")
          @OptionalParam(name = AuditEvent.SP_AGENT)
          ReferenceParam agent,
      @OptionalParam(name = AuditEvent.SP_DATE) DateRangeParam date,
      @OptionalParam(name = AuditEvent.SP_SUBTYPE) TokenParam subtype,
      @Description(shortDefinition = "From the previous page's next link")
          @OptionalParam(name = "cursor")
          StringParam cursor,
      @Count Integer count,
      RequestDetails request) {
    int limit = FhirSearches.count(count, 50, MAX);
    TraceQuery query =
        new TraceQuery(
            entity == null ? null : ResourceIds.uuid(entity.getIdPart()),
            agent == null ? null : agent.getIdPart(),
            FhirSearches.from(date),
            FhirSearches.to(date),
            null,
            null,
            subtype == null ? null : subtype.getValue(),
            cursor == null ? null : Paging.idCursor(cursor.getValue()),
            limit);
    List<Trace> traces = audit.search(actor.get(), query);
    return FhirSearches.page(
        request,
        "AuditEvent",
        traces.stream().map(AuditEventProvider::event).toList(),
        Map.of(),
        Set.of(),
        traces.size() == limit ? String.valueOf(traces.get(traces.size() - 1).id()) : null,
        limit);
  }

  static AuditEvent event(Trace trace) {
    AuditEvent event = new AuditEvent();
    event.setId(String.valueOf(trace.id()));
    event.setType(
        new Coding(
            "http://terminology.hl7.org/CodeSystem/audit-event-type", "rest", "RESTful Operation"));
    event.addSubtype(new Coding(ACTIONS, trace.action(), null));
    event.setAction(action(trace.action()));
    event.setRecorded(Date.from(trace.at()));
    boolean permitted = "PERMIT".equals(trace.outcome());
    event.setOutcome(permitted ? AuditEvent.AuditEventOutcome._0 : AuditEvent.AuditEventOutcome._4);
    event.setOutcomeDesc(trace.reason());
    if (trace.mode() != null) {
      event.addPurposeOfEvent().addCoding(new Coding(ACCESS_MODES, trace.mode(), null));
    }
    AuditEvent.AuditEventAgentComponent agent = event.addAgent().setRequestor(true);
    agent.setWho(
        new Reference()
            .setIdentifier(
                trace.actorRpps() != null
                    ? new Identifier().setSystem(FhirDocuments.RPPS).setValue(trace.actorRpps())
                    : new Identifier().setSystem(ACTOR_IDS).setValue(trace.actorId())));
    agent.addRole().setText(trace.actorRole());
    event.getSource().setObserver(new Reference().setDisplay("Carnet"));
    if (trace.recordId() != null) {
      event
          .addEntity()
          .setWhat(new Reference("Patient/" + trace.recordId()))
          .setType(
              new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "1", "Person"));
    }
    if (trace.documentId() != null && trace.action().startsWith("PROFILE_")) {
      // The profile's traces name their entry in the same column: not a DocumentReference.
      event
          .addEntity()
          .setWhat(
              new Reference()
                  .setIdentifier(
                      new Identifier()
                          .setSystem(PROFILE_ENTRIES)
                          .setValue(trace.documentId().toString())))
          .setType(
              new Coding(
                  "http://terminology.hl7.org/CodeSystem/audit-entity-type", "2", "System Object"));
    } else if (trace.documentId() != null) {
      event
          .addEntity()
          .setWhat(new Reference("DocumentReference/" + trace.documentId()))
          .setType(
              new Coding(
                  "http://terminology.hl7.org/CodeSystem/audit-entity-type", "2", "System Object"));
    }
    return event;
  }

  /** Reads, creations, changes, deletions; anything else is an execution. */
  private static AuditEvent.AuditEventAction action(String action) {
    if (action.endsWith("_READ")
        || action.endsWith("_SEARCH")
        || action.endsWith("_LIST")
        || action.equals("RECORD_LOOKUP")
        || action.equals("RECORD_READ_OWN")) {
      return AuditEvent.AuditEventAction.R;
    }
    if (action.endsWith("_CREATE") || action.endsWith("_PUBLISH") || action.endsWith("_REGISTER")) {
      return AuditEvent.AuditEventAction.C;
    }
    if (action.endsWith("_REVOKE") || action.endsWith("_WITHDRAW") || action.endsWith("_PURGE")) {
      return AuditEvent.AuditEventAction.D;
    }
    if (action.endsWith("_CHANGE") || action.endsWith("_SET") || action.endsWith("_VERSION")) {
      return AuditEvent.AuditEventAction.U;
    }
    return AuditEvent.AuditEventAction.E;
  }
}

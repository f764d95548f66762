package fr.carnet.audit.application;

import fr.carnet.access.AccessFacts;
import fr.carnet.access.AccountAction;
import fr.carnet.access.Decision;
import fr.carnet.access.Relationship;
import fr.carnet.access.application.AccessService;
import fr.carnet.access.application.Refusals;
import fr.carnet.audit.model.Trace;
import fr.carnet.audit.model.TraceAction;
import fr.carnet.audit.model.TraceQuery;
import fr.carnet.audit.model.TraceRepository;
import fr.carnet.security.Actor;
import fr.carnet.shared.ErrorCode;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;

/**
 * The trail read back: by auditors, who search and export it (their own searches traced too), and
 * by the patient's side, who sees every access to the record in their history.
 */
@Stateless
public class AuditService {

  @Inject private AccessService access;
  @Inject private TraceRepository traces;
  @Inject private TraceService trail;

  /** A page of traces for an auditor. */
  public List<Trace> search(Actor actor, TraceQuery query) {
    audit(actor, TraceAction.AUDIT_SEARCH, query);
    return traces.search(query);
  }

  /**
   * Decides and traces an export now; the returned export streams every matching trace afterwards,
   * page by page, so that a month of traces never sits in memory.
   */
  public TraceExport export(Actor actor, TraceQuery query) {
    audit(actor, TraceAction.AUDIT_EXPORT, query);
    return new TraceExport(traces, query);
  }

  /** A page of the record's history, newest first, for the patient or a representative. */
  public List<Trace> history(Actor actor, UUID recordId, Long before, int limit) {
    AccessFacts facts = access.facts(actor, recordId);
    Decision decision = access.policy().mayManageControls(actor, facts);
    trail.record(actor, TraceAction.ACCESS_HISTORY_READ, recordId, null, decision);
    Refusals.refuseUnless(decision, ErrorCode.FORBIDDEN);
    return traces.history(
        recordId, facts.relationship() == Relationship.REPRESENTATIVE, before, limit);
  }

  private void audit(Actor actor, TraceAction action, TraceQuery query) {
    Decision decision = access.policy().decide(actor, AccountAction.AUDIT_TRACES);
    trail.record(actor, action, query.record(), null, decision, describe(query));
    Refusals.refuseUnless(decision, ErrorCode.FORBIDDEN);
  }

  /** The auditor's filters, kept with the trace of their search. */
  private static String describe(TraceQuery q) {
    StringBuilder filters = new StringBuilder();
    append(filters, "actor", q.actor());
    append(filters, "from", q.from());
    append(filters, "to", q.to());
    append(filters, "mode", q.mode());
    append(filters, "outcome", q.outcome());
    append(filters, "action", q.action());
    return filters.toString();
  }

  private static void append(StringBuilder filters, String name, Object value) {
    if (value != null) {
      filters.append(filters.length() == 0 ? "" : ",").append(name).append('=').append(value);
    }
  }
}

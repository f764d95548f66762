package fr.carnet.audit.model;

import fr.carnet.access.Decision;
import fr.carnet.security.Actor;
import java.util.UUID;

/**
 * A CDI event: an access was traced, in the still running transaction of that access. Observers
 * that write (notifications) commit or roll back with it. The subject says which document or
 * profile entry it concerned and whether that is kept from the patient's side.
 */
public record AccessTraced(
    Actor actor, TraceAction action, UUID recordId, TraceSubject subject, Decision decision) {}

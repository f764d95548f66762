package fr.carnet.audit.model;

import fr.carnet.access.Decision;
import fr.carnet.security.Actor;
import java.util.UUID;

/**
 * A CDI event: an access was traced, in the still running transaction of that access. Observers
 * that write (notifications) commit or roll back with it.
 */
public record AccessTraced(
    Actor actor, TraceAction action, UUID recordId, UUID documentId, Decision decision) {}

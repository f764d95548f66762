package fr.carnet.account.application;

import fr.carnet.record.model.ClosureReason;
import fr.carnet.record.model.RecordState;
import java.time.Instant;
import java.util.UUID;

/**
 * A record as an account: what the call centre and the patient see, never its content.
 *
 * @param contactEmail the email address on file, masked ({@code m***@example.org})
 * @param contactPhone the phone number on file, masked to its last two digits
 * @param codeStatus the provisional code's status: ACTIVE, USED, EXPIRED, LOCKED or NONE
 * @param deletionRequest an agent's request to delete the record at once, waiting for a second
 *     staff member, or null
 */
public record AccountView(
    UUID id,
    RecordState state,
    Instant createdAt,
    Instant openedAt,
    Instant oppositionDeadline,
    Instant opposedAt,
    Instant closedAt,
    ClosureReason closureReason,
    Instant purgeAfter,
    String contactEmail,
    String contactPhone,
    String codeStatus,
    Instant codeExpiresAt,
    int failedCodeAttempts,
    DeletionRequestView deletionRequest) {}

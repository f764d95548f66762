package fr.carnet.account.application;

import fr.carnet.account.model.Enrolments;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A bulk enrolment's progress.
 *
 * @param status the batch status: STARTING, STARTED, COMPLETED, FAILED, STOPPED…
 * @param done lines read and handled so far, of {@code total}
 * @param ratePerSecond lines per second since the start (until the end once finished)
 * @param rejected the first rejected lines, in order
 */
public record EnrolmentView(
    UUID id,
    String status,
    long total,
    long done,
    long created,
    long rejectedCount,
    double ratePerSecond,
    Instant startedAt,
    Instant endedAt,
    List<Enrolments.Rejection> rejected) {}

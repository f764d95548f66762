package fr.carnet.account.model;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Bulk enrolments: the files, their progress and rejected lines (migration V12), the instance that
 * owns each one's execution (V36), and the lanes its lines are written in (V42).
 */
public interface Enrolments {

  /** An enrolment as stored, its lanes' counters summed and their leases' latest end. */
  record Progress(
      UUID id,
      Path file,
      long total,
      long done,
      long created,
      long rejected,
      String startedBy,
      Instant startedAt,
      Instant finishedAt,
      Long execution,
      String ownerInstance,
      UUID ownerLife,
      Instant leaseUntil,
      boolean leaseLive) {}

  /**
   * Who writes a chunk: the owner it must still be (its instance, that instance's life, and the
   * launch of the job it belongs to), in its lane at the restart point it read.
   */
  record Writer(
      String instance, UUID life, UUID run, java.time.Duration lease, int lane, long fromLine) {}

  /**
   * A range of the file's lines ({@code firstLine} to {@code lastLine}, both included) written by
   * one partition of the job, and its restart point: the next line to read.
   */
  record Lane(int lane, long firstLine, long lastLine, long nextLine) {

    /**
     * The file of {@code total} lines cut into at most {@code lanes} consecutive ranges of equal
     * size, never more than it has chunks (a file of one chunk is one lane, written as before).
     */
    public static List<Lane> cut(long total, int lanes, int chunk) {
      long chunks = Math.max(1, (total + chunk - 1) / Math.max(1, chunk));
      int count = (int) Math.max(1, Math.min(lanes, chunks));
      long size = Math.max(1, (total + count - 1) / count);
      count = (int) Math.max(1, (total + size - 1) / size);
      List<Lane> cut = new java.util.ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        long first = 1 + i * size;
        long last = i == count - 1 ? Math.max(total, first - 1) : first + size - 1;
        cut.add(new Lane(i, first, last, first));
      }
      return List.copyOf(cut);
    }
  }

  /** A person read from a line, valid: what the writer enrols. */
  record Person(
      long line,
      UUID recordId,
      String insNumber,
      String insKind,
      String birthName,
      String firstNames,
      java.time.LocalDate birthDate,
      String sex,
      String birthPlace,
      String email,
      String phone) {}

  /** A line refused, with why. */
  record Rejection(long line, String code, String reason) {}

  /**
   * Registers an enrolment and its lanes, owned from the start by {@code instance} in its {@code
   * life}, for the job's launch {@code run}.
   */
  void create(
      UUID id,
      Path file,
      long total,
      List<Lane> lanes,
      String startedBy,
      Instant at,
      String instance,
      UUID life,
      UUID run,
      java.time.Duration lease);

  /**
   * Takes the enrolment for {@code instance} in its {@code life} and the new launch {@code run},
   * unless it is complete or another instance's lease is still running (the database's clock
   * decides), or its chunks under way hold it longer than a request may wait. Answers whether it
   * did; from then on only {@code run}'s chunks are written.
   */
  boolean claim(UUID id, String instance, UUID life, UUID run, java.time.Duration lease);

  /** Gives the lease back when the job's launch {@code run} has ended; nothing if superseded. */
  void release(UUID id, UUID run);

  /** Every line committed and the file deleted: the enrolment is complete. */
  void finish(UUID id, Instant at);

  Optional<Progress> find(UUID id);

  /**
   * The lanes of the enrolments running now (not complete, a lease live), the registrations
   * serialised from here to the end of the caller's transaction so that two never count the same
   * room.
   */
  long lanesRunning();

  /** The enrolment's lanes, in order, each at its committed restart point. */
  List<Lane> lanes(UUID id);

  /** Records the batch execution of the launch {@code run}, unless a later launch superseded it. */
  void execution(UUID id, UUID run, long execution);

  /**
   * Writes one chunk in the caller's transaction: the persons whose INS has no record yet become
   * pending records (each traced and its information message queued); the others are rejected as
   * existing; the rejections are kept; the writer's lane moves to {@code nextLine} and its lease is
   * renewed. First, the enrolment's row share-locked and the lane's row locked, the writer must
   * still own the enrolment, and its lane be at the line it read from; if not (taken over by
   * another instance), nothing is written: {@link TakenOver}. Answers how many records were
   * created.
   */
  int writeChunk(
      Writer writer,
      UUID enrolment,
      List<Person> persons,
      List<Rejection> rejections,
      long nextLine,
      long lines,
      Instant at,
      Instant oppositionDeadline,
      String actorId,
      java.time.Duration notificationWindow);

  List<Rejection> rejections(UUID id, int limit);

  /** A chunk refused because its writer no longer owns the enrolment at its line. */
  final class TakenOver extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public TakenOver(UUID enrolment) {
      super("Enrolment " + enrolment + " is owned by another execution: chunk not written");
    }
  }
}

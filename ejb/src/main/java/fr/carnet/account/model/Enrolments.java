package fr.carnet.account.model;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Bulk enrolments: the files, their progress and rejected lines (migration V12). */
public interface Enrolments {

  /** An enrolment as stored. */
  record Progress(
      UUID id,
      Path file,
      long total,
      long nextLine,
      long done,
      long created,
      long rejected,
      String startedBy,
      Instant startedAt,
      Instant finishedAt,
      Long execution) {}

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

  void create(UUID id, Path file, long total, String startedBy, Instant at);

  Optional<Progress> find(UUID id);

  void execution(UUID id, long execution);

  /**
   * Writes one chunk in the caller's transaction: the persons whose INS has no record yet become
   * pending records (each traced and its information message queued); the others are rejected as
   * existing; the rejections are kept; the progress moves to {@code nextLine}. Answers how many
   * records were created.
   */
  int writeChunk(
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
}

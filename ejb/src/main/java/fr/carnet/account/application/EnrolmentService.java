package fr.carnet.account.application;

import fr.carnet.access.AccountAction;
import fr.carnet.access.application.AccessGate;
import fr.carnet.account.application.enrolment.EnrolmentOwner;
import fr.carnet.account.model.Enrolments;
import fr.carnet.audit.model.TraceAction;
import fr.carnet.security.Actor;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import jakarta.annotation.Resource;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bulk enrolment as a Jakarta Batch job ({@code META-INF/batch-jobs/enrolment.xml}): the file is
 * kept on disk, readable by the server's user only, the job reads it in chunks, its lanes at once,
 * and its progress is Carnet's own, so that any new execution resumes each lane where its last
 * committed chunk ended. The file (NIRs, names, contacts) is deleted once the job has completed;
 * the rejected lines stay in the database, with their number, code and reason only.
 */
@Stateless
public class EnrolmentService {

  private static final String JOB = "enrolment";

  @Inject private AccessGate gate;
  @Inject private Enrolments enrolments;
  @Inject private Clock clock;
  @Inject private EnrolmentOwner owner;
  @Resource private SessionContext session;

  @Inject
  @ConfigProperty(name = "carnet.enrolment.folder")
  private Optional<String> folder;

  @Inject
  @ConfigProperty(name = "carnet.enrolment.chunk", defaultValue = "2000")
  private int chunk;

  /** Lanes a file is cut into, written at once (one chunk each on its own connection). */
  @Inject
  @ConfigProperty(name = "carnet.enrolment.lanes", defaultValue = "2")
  private int lanes;

  /**
   * How late, in trace ids, a trace may commit and still be sequenced by a sequencer that has just
   * taken over (its horizon starts from this window alone): a chunk draws its traces' ids before it
   * commits, so the lanes running at once, a chunk each, must fit in it.
   */
  @Inject
  @ConfigProperty(name = "carnet.audit.tree.reorder-window", defaultValue = "10000")
  private long reorderWindow;

  /**
   * Keeps the file, registers the enrolment and starts its job. Outside a transaction: the
   * registration commits before the job, which runs elsewhere, looks for it.
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public EnrolmentView start(Actor actor, InputStream csv) {
    EnrolmentService self = session.getBusinessObject(EnrolmentService.class);
    self.authorise(actor, null, TraceAction.ENROLMENT_START);
    UUID id = UUID.randomUUID();
    Path file = store(id, csv);
    UUID run = UUID.randomUUID();
    try {
      self.register(actor, id, file, lines(file), run);
    } catch (RuntimeException e) {
      // Refused (too many at once) or failed: the file, NIRs and all, does not stay behind.
      EnrolmentFiles.delete(file);
      throw e;
    }
    launch(id, run);
    return self.progress(actor, id);
  }

  /**
   * Starts a new execution of a stopped, failed or crashed enrolment: it resumes from the committed
   * restart point, no repeats. Through any instance: the enrolment's owner is in the database
   * (V36), since each domain's batch repository knows its own executions only; another instance's
   * running job is refused until its lease has lapsed (the owner is dead) or the job has ended.
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public EnrolmentView restart(Actor actor, UUID id) {
    EnrolmentService self = session.getBusinessObject(EnrolmentService.class);
    self.authorise(actor, id, TraceAction.ENROLMENT_RESTART);
    Enrolments.Progress progress =
        enrolments.find(id).orElseThrow(() -> new CarnetException(ErrorCode.NOT_FOUND));
    if (progress.finishedAt() != null) {
      throw new CarnetException(
          ErrorCode.LIFECYCLE_TRANSITION_INVALID, "The enrolment is complete");
    }
    if (owner.life().equals(progress.ownerLife())
        && progress.execution() != null
        && localExecution(progress.execution()).map(EnrolmentService::isRunning).orElse(false)) {
      throw new CarnetException(ErrorCode.LIFECYCLE_TRANSITION_INVALID, "The enrolment is running");
    }
    // A launch of its own: were the check above passed by a first launch that has not yet recorded
    // its execution, this one supersedes it, and the first stops at its next chunk.
    UUID run = UUID.randomUUID();
    if (!enrolments.claim(id, owner.instance(), owner.life(), run, owner.lease())) {
      throw new CarnetException(
          ErrorCode.LIFECYCLE_TRANSITION_INVALID,
          "The enrolment is running on instance "
              + progress.ownerInstance()
              + " (its lease runs until "
              + progress.leaseUntil()
              + ")");
    }
    launch(id, run);
    return self.progress(actor, id);
  }

  public EnrolmentView progress(Actor actor, UUID id) {
    Enrolments.Progress progress =
        enrolments.find(id).orElseThrow(() -> new CarnetException(ErrorCode.NOT_FOUND));
    authorise(actor, id, TraceAction.ENROLMENT_READ);
    // Only the owner's batch repository knows its execution (execution ids of two domains may even
    // coincide): another instance reports from the database.
    boolean ours =
        progress.ownerInstance() == null || owner.instance().equals(progress.ownerInstance());
    Optional<JobExecution> execution =
        ours && progress.execution() != null
            ? localExecution(progress.execution())
            : Optional.empty();
    String status;
    Instant ended;
    if (execution.isPresent()) {
      status = execution.get().getBatchStatus().name();
      ended =
          execution.get().getEndTime() == null ? null : execution.get().getEndTime().toInstant();
    } else if (ours && progress.execution() == null && progress.finishedAt() == null) {
      status = "STARTING";
      ended = null;
    } else {
      // Complete; running on its owner while the lease lasts; else ended or dead: to restart.
      status =
          progress.finishedAt() != null ? "COMPLETED" : progress.leaseLive() ? "STARTED" : "FAILED";
      ended = progress.finishedAt();
    }
    double seconds =
        Math.max(
            0.001,
            Duration.between(progress.startedAt(), ended == null ? clock.instant() : ended)
                    .toMillis()
                / 1000.0);
    return new EnrolmentView(
        id,
        status,
        progress.total(),
        progress.done(),
        progress.created(),
        progress.rejected(),
        progress.done() / seconds,
        progress.startedAt(),
        ended,
        enrolments.rejections(id, 1000));
  }

  /** The policy decides; the action is traced (a refusal commits its trace). */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void authorise(Actor actor, UUID id, TraceAction action) {
    gate.admit(actor, AccountAction.ENROL_IN_BULK, action, id == null ? null : "enrolment " + id);
  }

  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void register(Actor actor, UUID id, Path file, long total, UUID run) {
    List<Enrolments.Lane> cut = Enrolments.Lane.cut(total, lanes, chunk);
    if ((enrolments.lanesRunning() + cut.size()) * chunk > reorderWindow) {
      throw new CarnetException(ErrorCode.ENROLMENTS_AT_ONCE);
    }
    enrolments.create(
        id,
        file,
        total,
        cut,
        actor.subject(),
        clock.instant(),
        owner.instance(),
        owner.life(),
        run,
        owner.lease());
  }

  private void launch(UUID id, UUID run) {
    Properties parameters = new Properties();
    parameters.setProperty("enrolment", id.toString());
    parameters.setProperty("run", run.toString());
    parameters.setProperty("chunk", String.valueOf(chunk));
    // The job records its execution itself before its first chunk (EnrolmentJobListener).
    operator().start(JOB, parameters);
  }

  /**
   * Running, unless it began before this server did: a crash leaves an execution marked started
   * that nothing runs any more.
   */
  private static boolean isRunning(JobExecution execution) {
    BatchStatus status = execution.getBatchStatus();
    boolean active =
        status == BatchStatus.STARTING
            || status == BatchStatus.STARTED
            || status == BatchStatus.STOPPING;
    long serverStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    return active && execution.getCreateTime().getTime() >= serverStart;
  }

  private static Optional<JobExecution> localExecution(long execution) {
    try {
      return Optional.of(operator().getJobExecution(execution));
    } catch (NoSuchJobExecutionException e) {
      return Optional.empty();
    }
  }

  private static JobOperator operator() {
    return BatchRuntime.getJobOperator();
  }

  private Path store(UUID id, InputStream csv) {
    Path directory =
        Path.of(
            folder.orElseGet(
                () ->
                    Optional.ofNullable(System.getProperty("com.sun.aas.instanceRoot"))
                            .orElse(System.getProperty("java.io.tmpdir"))
                        + "/enrolments"));
    return EnrolmentFiles.store(directory, id, csv);
  }

  private static long lines(Path file) {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return reader.lines().count();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the enrolment file", e);
    }
  }
}

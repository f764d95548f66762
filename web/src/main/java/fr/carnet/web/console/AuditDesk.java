package fr.carnet.web.console;

import fr.carnet.audit.application.AuditService;
import fr.carnet.audit.application.IntegrityService;
import fr.carnet.audit.application.TraceExport;
import fr.carnet.audit.model.Anomalies;
import fr.carnet.audit.model.Trace;
import fr.carnet.audit.model.TraceQuery;
import fr.carnet.security.Actor;
import fr.carnet.security.Role;
import fr.carnet.shared.CarnetException;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The auditors' desk: the trail searched by record, actor, period, mode and outcome, paged; a
 * record's or an actor's timeline; the anomaly reports; the integrity check; the CSV export. Each
 * of these is traced as the auditor's own action by the services.
 */
@Named("auditDesk")
@ViewScoped
public class AuditDesk implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final int PAGE = 50;
  private static final Duration READY_WITHIN = Duration.ofMillis(150);
  private static final ZoneId CIVIL_TIME = ZoneId.of("Europe/Paris");
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.FRANCE);
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss", Locale.FRANCE);

  @EJB private AuditService audit;
  @EJB private IntegrityService integrity;
  @Inject private ConsoleUser user;

  private String record;
  private String actorFilter;
  private String from;
  private String to;
  private String mode;
  private String outcome;
  private List<Trace> traces;
  private Long nextBefore;
  private Anomalies anomalies;
  // The report being computed; kept with the view in the session, never serialized elsewhere.
  private transient Future<Anomalies> pendingAnomalies;
  private String integrityResult;
  private String timelineSubject;
  private List<TimelineDay> timeline;
  private boolean timelineTruncated;

  private Actor actor() {
    return user.actor(Role.AUDITOR);
  }

  public void search() {
    run(() -> page(null));
  }

  public void next() {
    run(() -> page(nextBefore));
  }

  private void page(Long before) {
    traces = audit.search(actor(), query(before, PAGE));
    nextBefore = traces.size() == PAGE ? traces.get(traces.size() - 1).id() : null;
  }

  /**
   * A record's timeline: everything done on it over the period (the last 30 days unless the period
   * is set), oldest first, by day.
   */
  public void recordTimeline(UUID recordId) {
    run(
        () -> {
          timelineSubject = "Dossier " + recordId;
          timeline = days(timelineQuery(recordId, null));
        });
  }

  /** A professional's (or any actor's) timeline: every access they made over the period, by day. */
  public void actorTimeline(String actorId) {
    run(
        () -> {
          timelineSubject = "Acteur " + actorId;
          timeline = days(timelineQuery(null, actorId));
        });
  }

  private List<Trace> timelineQuery(UUID recordId, String actorId) {
    Instant end = end(to, Instant.now());
    Instant begin = start(from, end.minusSeconds(30L * 24 * 3600));
    List<Trace> newestFirst =
        audit.search(
            actor(),
            new TraceQuery(
                recordId, actorId, begin, end, null, null, null, null, TraceQuery.MAX_LIMIT));
    timelineTruncated = newestFirst.size() == TraceQuery.MAX_LIMIT;
    List<Trace> oldestFirst = new ArrayList<>(newestFirst);
    Collections.reverse(oldestFirst);
    return oldestFirst;
  }

  private static List<TimelineDay> days(List<Trace> oldestFirst) {
    Map<LocalDate, List<Trace>> byDay = new LinkedHashMap<>();
    for (Trace trace : oldestFirst) {
      byDay
          .computeIfAbsent(trace.at().atZone(CIVIL_TIME).toLocalDate(), day -> new ArrayList<>())
          .add(trace);
    }
    return byDay.entrySet().stream()
        .map(
            day ->
                new TimelineDay(
                    DAY.format(day.getKey()),
                    day.getValue(),
                    day.getValue().stream().filter(t -> "DENY".equals(t.outcome())).count()))
        .toList();
  }

  /** One day of a timeline: its traces, oldest first, and how many were refusals. */
  public record TimelineDay(String day, List<Trace> traces, long refusals)
      implements Serializable {}

  /**
   * Asks for the anomaly report of the chosen days (or the last thirty), computed in the
   * background: shown at once if it is ready within a moment, otherwise at the next refresh.
   */
  public void reportAnomalies() {
    anomalies = null;
    run(
        () -> {
          pendingAnomalies =
              audit.anomaliesInBackground(
                  actor(),
                  start(from, Instant.now().minusSeconds(30L * 24 * 3600)),
                  end(to, Instant.now()));
          collectAnomalies(READY_WITHIN);
        });
  }

  /** Shows the report if it is ready. */
  public void refreshAnomalies() {
    run(() -> collectAnomalies(Duration.ZERO));
  }

  private void collectAnomalies(Duration wait) {
    if (pendingAnomalies == null) {
      return;
    }
    try {
      anomalies = pendingAnomalies.get(wait.toMillis(), TimeUnit.MILLISECONDS);
      pendingAnomalies = null;
    } catch (TimeoutException e) {
      // Still computing: the page says so and offers to refresh.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      pendingAnomalies = null;
      Throwable cause =
          e.getCause() instanceof EJBException ejb ? ejb.getCausedByException() : e.getCause();
      if (cause instanceof CarnetException refusal) {
        throw refusal;
      }
      throw new IllegalStateException("The anomaly report failed", cause);
    }
  }

  public boolean isAnomaliesPending() {
    return pendingAnomalies != null;
  }

  public void checkIntegrity() {
    run(
        () -> {
          IntegrityService.Result result = integrity.verify(actor(), false);
          integrityResult =
              result.verified()
                  ? "Intègre : "
                      + result.checked()
                      + " traces vérifiées sur "
                      + result.chains()
                      + " chaînes."
                  : "Rompue : chaîne "
                      + result.firstBroken().chain()
                      + ", position "
                      + result.firstBroken().seq()
                      + " ("
                      + result.firstBroken().problem()
                      + ").";
        });
  }

  /** The matching traces as CSV, streamed to the browser. */
  public void export() throws IOException {
    FacesContext faces = FacesContext.getCurrentInstance();
    TraceExport export;
    try {
      export = audit.export(actor(), query(null, TraceQuery.MAX_LIMIT));
    } catch (CarnetException e) {
      refused(e);
      return;
    }
    ExternalContext external = faces.getExternalContext();
    external.responseReset();
    external.setResponseContentType("text/csv; charset=UTF-8");
    external.setResponseHeader("Content-Disposition", "attachment; filename=\"traces.csv\"");
    export.writeTo(external.getResponseOutputStream());
    faces.responseComplete();
  }

  private TraceQuery query(Long before, int limit) {
    return new TraceQuery(
        blank(record) ? null : uuid(record),
        blank(actorFilter) ? null : actorFilter.strip(),
        blank(from) ? null : start(from, null),
        blank(to) ? null : end(to, null),
        blank(mode) ? null : mode,
        blank(outcome) ? null : outcome,
        null,
        before,
        limit);
  }

  private static UUID uuid(String text) {
    try {
      return UUID.fromString(text.strip());
    } catch (IllegalArgumentException e) {
      throw new CarnetException(fr.carnet.shared.ErrorCode.VALIDATION_FAILED, "record");
    }
  }

  private static Instant start(String day, Instant otherwise) {
    return blank(day) ? otherwise : date(day).atStartOfDay(CIVIL_TIME).toInstant();
  }

  private static Instant end(String day, Instant otherwise) {
    return blank(day) ? otherwise : date(day).plusDays(1).atStartOfDay(CIVIL_TIME).toInstant();
  }

  private static LocalDate date(String day) {
    try {
      return LocalDate.parse(day.strip());
    } catch (DateTimeParseException e) {
      throw new CarnetException(fr.carnet.shared.ErrorCode.VALIDATION_FAILED, "date");
    }
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }

  private void run(Runnable action) {
    try {
      action.run();
    } catch (CarnetException e) {
      refused(e);
    }
  }

  private static void refused(CarnetException e) {
    String text =
        switch (e.code()) {
          case FORBIDDEN -> "Cette action est réservée aux auditeurs.";
          case VALIDATION_FAILED -> "Un filtre n'est pas valide (" + e.getMessage() + ").";
          default -> "Action refusée (" + e.code().name() + ").";
        };
    FacesContext.getCurrentInstance()
        .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
  }

  public String when(Instant instant) {
    return instant == null ? "" : WHEN.format(instant.atZone(CIVIL_TIME));
  }

  public List<Trace> getTraces() {
    return traces;
  }

  public boolean isMore() {
    return nextBefore != null;
  }

  public Anomalies getAnomalies() {
    return anomalies;
  }

  public String getIntegrityResult() {
    return integrityResult;
  }

  public String getRecord() {
    return record;
  }

  public void setRecord(String record) {
    this.record = record;
  }

  public String getActorFilter() {
    return actorFilter;
  }

  public void setActorFilter(String actorFilter) {
    this.actorFilter = actorFilter;
  }

  public String getFrom() {
    return from;
  }

  public void setFrom(String from) {
    this.from = from;
  }

  public String getTo() {
    return to;
  }

  public void setTo(String to) {
    this.to = to;
  }

  public String getMode() {
    return mode;
  }

  public void setMode(String mode) {
    this.mode = mode;
  }

  public String getOutcome() {
    return outcome;
  }

  public void setOutcome(String outcome) {
    this.outcome = outcome;
  }

  public String getTimelineSubject() {
    return timelineSubject;
  }

  public List<TimelineDay> getTimeline() {
    return timeline;
  }

  public boolean isTimelineTruncated() {
    return timelineTruncated;
  }
}

package fr.carnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.carnet.access.AccessMode;
import fr.carnet.access.application.GrantService;
import fr.carnet.account.application.LifecycleService;
import fr.carnet.audit.application.SequencerHorizon;
import fr.carnet.audit.application.TreeService;
import fr.carnet.consent.application.ConsentService;
import fr.carnet.identity.model.Ins;
import fr.carnet.identity.model.Sex;
import fr.carnet.identity.model.Traits;
import fr.carnet.infrastructure.persistence.CarnetDataSource;
import fr.carnet.notification.application.Notifications;
import fr.carnet.notification.application.OutboxService;
import fr.carnet.notification.model.Delivery;
import fr.carnet.notification.model.Outbox;
import fr.carnet.record.application.DocumentService;
import fr.carnet.record.application.PublishCommand;
import fr.carnet.record.application.Published;
import fr.carnet.record.application.RecordLookup;
import fr.carnet.record.application.RecordService;
import fr.carnet.record.application.RecordView;
import fr.carnet.record.model.Contact;
import fr.carnet.record.model.RecordState;
import fr.carnet.reference.model.DocumentType;
import fr.carnet.security.Actor;
import fr.carnet.security.Role;
import fr.carnet.shared.AccessRefused;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import fr.carnet.staff.application.StaffAccountService;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The services inside a real container (Payara Micro) on a real PostgreSQL migrated by Flyway: one
 * class, so that Micro starts once for all of them.
 */
@ExtendWith(ArquillianExtension.class)
class ServicesIT {

  private static final AtomicInteger SERIAL = new AtomicInteger(100);
  private static final Actor ADMIN = Actor.staff("admin-it", Role.ADMIN);
  private static final Actor AGENT = Actor.staff("agent-it", Role.AGENT);
  private static final Traits MARIE =
      new Traits("DUPONT", "MARIE CLAIRE", LocalDate.of(1985, 5, 12), Sex.F, "75056");

  @Deployment
  static WebArchive deployment() {
    return ItDeployment.create(ServicesIT.class);
  }

  @EJB private RecordService records;
  @EJB private StaffAccountService staff;
  @EJB private DocumentService documents;
  @EJB private GrantService grants;
  @EJB private ConsentService consent;
  @EJB private OutboxService outboxService;
  @EJB private LifecycleService lifecycle;
  @EJB private TreeService tree;
  @Inject private SequencerHorizon horizon;
  @Inject private Outbox outbox;
  @Inject private Notifications notifications;
  @Resource private UserTransaction transaction;
  @Resource private ManagedExecutorService executor;

  @Resource(lookup = CarnetDataSource.JNDI_NAME)
  private DataSource dataSource;

  private static Ins newIns() {
    String thirteen = String.format("2850575%06d", SERIAL.incrementAndGet());
    int key = 97 - new BigInteger(thirteen).mod(BigInteger.valueOf(97)).intValue();
    return Ins.of(thirteen + String.format("%02d", key), "1.2.250.1.213.1.4.8");
  }

  private long count(String table) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement sql = connection.createStatement();
        ResultSet rows = sql.executeQuery("select count(*) from " + table)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /** One run of the sequencer, as its scheduled job does: batches until one is not full. */
  private TreeService.Batch sequencerRun() {
    TreeService.Batch batch = tree.sequence(null);
    while (batch.appended() == ItDeployment.TREE_BATCH) {
      batch = tree.sequence(batch);
    }
    return batch;
  }

  @Test
  void aRunOfFullBatchesMarksTheHorizonSoTheNextRunDoesNotReadItsTracesAgain() throws Exception {
    sequencerRun();
    // A backlog of two and a half batches, as a bulk enrolment leaves between two runs.
    for (int i = 0; i < ItDeployment.TREE_BATCH * 5 / 2; i++) {
      appendTrace();
    }
    TreeService.Batch first = tree.sequence(null);
    assertEquals(ItDeployment.TREE_BATCH, first.appended(), "the backlog fills the first batch");
    TreeService.Batch last = first;
    while (last.appended() == ItDeployment.TREE_BATCH) {
      last = tree.sequence(last);
    }
    assertEquals(
        0,
        single(
            "select count(*) from trace t where not exists"
                + " (select 1 from trace_leaf l where l.trace_id = t.id)"),
        "the run appended them all");
    // The next run's snapshot finds the first run's writers ended: every id up to the newest trace
    // the first run's snapshot saw is resolved, and no later run looks back below it.
    sequencerRun();
    assertEquals(first.runStart().highestTraceId(), horizon.lookBackFrom(Long.MAX_VALUE));
  }

  @Test
  void aRunRolledBackDoesNotMarkTheHorizon() throws Exception {
    sequencerRun();
    sequencerRun();
    appendTrace();
    long newest = single("select max(id) from trace");
    // A run whose transaction rolls back (an auditor's head whose witness failed): its leaves are
    // gone, so its scan must not count.
    transaction.begin();
    try {
      assertEquals(1, tree.sequence(null).appended());
    } finally {
      transaction.rollback();
    }
    // The next run appends the trace and marks its own snapshot, which only a later one resolves;
    // had the rolled-back run marked it, this run would already have resolved the newest id.
    sequencerRun();
    assertTrue(
        horizon.lookBackFrom(Long.MAX_VALUE) < newest,
        "the rolled-back run resolved " + horizon.lookBackFrom(Long.MAX_VALUE));
    sequencerRun();
    assertEquals(newest, horizon.lookBackFrom(Long.MAX_VALUE));
  }

  private void appendTrace() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement append =
            connection.prepareStatement(
                "select append_trace(clock_timestamp(), 'ADMIN', 'tree-it', null, null, null,"
                    + " null, null, 'RECORD_CREATE', 'PERMIT', 'BULK_ENROLMENT', null, null, null)")) {
      append.execute();
    }
  }

  private long single(String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  @Test
  void flywayCreatedTheSchemaAtDeployment() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement sql = connection.createStatement();
        ResultSet tables =
            sql.executeQuery(
                "select count(*) from pg_tables where schemaname = 'public' and tablename in"
                    + " ('flyway_schema_history', 'record', 'identity', 'staff_account', 'staff_role')")) {
      tables.next();
      assertEquals(5, tables.getLong(1));
    }
  }

  @Test
  void theApplicationUserMayNotChangeTheSchema() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement sql = connection.createStatement()) {
      String user = connection.getMetaData().getUserName();
      if (!"carnet_app".equals(user)) {
        return; // an external database set up by its operator: its privileges are theirs
      }
      assertThrows(SQLException.class, () -> sql.execute("create table intruder (id int)"));
      assertThrows(SQLException.class, () -> sql.execute("drop table identity"));
      assertThrows(SQLException.class, () -> sql.execute("alter table record add column x int"));
      // Even the migrations' history is out of its reach.
      assertThrows(SQLException.class, () -> sql.execute("select * from flyway_schema_history"));
    }
  }

  @Test
  void aRecordIsCreatedThenFoundByItsInsAndTraits() {
    Ins ins = newIns();
    RecordView created =
        records.create(ADMIN, ins, MARIE, new Contact("m@example.org", null), false);

    RecordLookup found =
        records.lookup(
            AGENT,
            ins,
            new Traits("Dupont", "Marie-Claire", LocalDate.of(1985, 5, 12), Sex.F, "75056"));

    assertEquals(RecordState.PENDING, created.state());
    assertEquals(created.id(), found.id());
    assertFalse(found.available());
    assertEquals(created.id(), records.mine(Actor.patient("p", ins.number())).id());
  }

  @Test
  void aDuplicateIsRefusedAndLeavesNothingHalfStored() throws SQLException {
    Ins ins = newIns();
    records.create(ADMIN, ins, MARIE, new Contact(null, null), true);
    long recordsBefore = count("record");
    long identitiesBefore = count("identity");

    CarnetException refused =
        assertThrows(
            CarnetException.class,
            () -> records.create(ADMIN, ins, MARIE, new Contact(null, null), true));

    assertEquals(ErrorCode.RECORD_ALREADY_EXISTS, refused.code());
    assertEquals(recordsBefore, count("record"));
    assertEquals(identitiesBefore, count("identity"));
  }

  @Test
  void concurrentEnrolmentsOfOnePersonMakeExactlyOneRecord() throws Exception {
    Ins ins = newIns();
    long before = count("record");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Callable<String>> attempts = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      attempts.add(
          () -> {
            try {
              return records
                  .create(ADMIN, ins, MARIE, new Contact(null, null), false)
                  .id()
                  .toString();
            } catch (CarnetException e) {
              return e.code().name();
            }
          });
    }
    List<String> outcomes = new ArrayList<>();
    for (Future<String> outcome : pool.invokeAll(attempts)) {
      outcomes.add(outcome.get());
    }
    pool.shutdown();

    assertEquals(
        3, outcomes.stream().filter("RECORD_ALREADY_EXISTS"::equals).count(), outcomes.toString());
    assertEquals(before + 1, count("record"));
  }

  @Test
  void mismatchedTraitsAreRefused() {
    Ins ins = newIns();
    records.create(ADMIN, ins, MARIE, new Contact(null, null), true);

    CarnetException refused =
        assertThrows(
            CarnetException.class,
            () ->
                records.lookup(
                    AGENT,
                    ins,
                    new Traits("DUPONT", "MARIE", LocalDate.of(1985, 5, 12), Sex.F, "75056")));

    assertEquals(ErrorCode.INS_TRAITS_MISMATCH, refused.code());
  }

  @Test
  void onlyAnAdministratorCreatesRecords() {
    CarnetException refused =
        assertThrows(
            CarnetException.class,
            () -> records.create(AGENT, newIns(), MARIE, new Contact(null, null), false));

    assertEquals(ErrorCode.FORBIDDEN, refused.code());
  }

  @Test
  void theFirstAdministratorExistsWithAPbkdf2Hash() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement sql = connection.createStatement();
        ResultSet admin =
            sql.executeQuery("select password_hash from staff_account where username = 'admin'")) {
      assertTrue(admin.next());
      assertTrue(admin.getString(1).startsWith("PBKDF2WithHmacSHA512:210000:"), "PBKDF2 hash");
    }
    assertEquals(
        Optional.of(Set.of(Role.ADMIN)),
        staff.verify("admin", ItDeployment.ADMIN_PASSWORD.toCharArray()));
    assertEquals(Optional.empty(), staff.verify("admin", "wrong".toCharArray()));
    assertEquals(
        Optional.empty(), staff.verify("nobody", ItDeployment.ADMIN_PASSWORD.toCharArray()));
  }

  private static final Actor GP =
      Actor.professional("psc-it", "10101010101", "10", null, "750712184");
  private static final Actor DENTIST =
      Actor.professional("psc-d", "40404040404", "40", null, "750712184");

  private static byte[] pdf(int size) {
    byte[] bytes = new byte[size];
    java.util.Arrays.fill(bytes, (byte) 'x');
    System.arraycopy("%PDF-1.7\n".getBytes(), 0, bytes, 0, 9);
    return bytes;
  }

  private PublishCommand push(Ins ins, String loinc, byte[] content) {
    return new PublishCommand(
        "it-" + java.util.UUID.randomUUID(),
        ins,
        MARIE,
        new DocumentType("http://loinc.org", loinc),
        "Compte rendu",
        java.time.Instant.parse("2026-11-20T09:30:00Z"),
        "application/pdf",
        fr.carnet.record.model.DocumentContent.of(content),
        null,
        false,
        false);
  }

  private List<String> traces(java.util.UUID recordId) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        java.sql.PreparedStatement sql =
            connection.prepareStatement(
                "select action || ' ' || outcome || ' ' || reason from trace where record_id = ?"
                    + " order by id")) {
      sql.setObject(1, recordId);
      try (ResultSet result = sql.executeQuery()) {
        while (result.next()) {
          rows.add(result.getString(1));
        }
      }
    }
    return rows;
  }

  @Test
  void aRefusalLeavesItsTraceAndNothingElse() throws SQLException {
    Ins ins = newIns();
    java.util.UUID record = records.create(ADMIN, ins, MARIE, new Contact(null, null), true).id();
    long documentsBefore = count("document");

    AccessRefused refused =
        assertThrows(
            AccessRefused.class, () -> documents.publish(DENTIST, push(ins, "57055-6", pdf(100))));

    assertEquals(ErrorCode.DENIED_BY_MATRIX, refused.code());
    assertEquals(documentsBefore, count("document"));
    assertEquals(
        List.of("RECORD_CREATE PERMIT ROLE_ALLOWED", "DOCUMENT_PUBLISH DENY DENIED_BY_MATRIX"),
        traces(record));
  }

  @Test
  void aPublishedDocumentIsTracedAndItsContentStreamsBackInChunks() throws Exception {
    Ins ins = newIns();
    java.util.UUID record = records.create(ADMIN, ins, MARIE, new Contact(null, null), true).id();
    byte[] content = pdf(600_000);

    Published published = documents.publish(GP, push(ins, "11502-2", content));
    java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
    documents.openContent(GP, record, published.document().id()).writeTo(read);

    assertTrue(published.created());
    assertEquals("LAB", published.document().classCode());
    org.junit.jupiter.api.Assertions.assertArrayEquals(content, read.toByteArray());
    try (Connection connection = dataSource.getConnection();
        java.sql.PreparedStatement sql =
            connection.prepareStatement(
                "select count(*) from document_content where document_id = ?")) {
      sql.setObject(1, published.document().id());
      try (ResultSet chunks = sql.executeQuery()) {
        chunks.next();
        assertEquals(3, chunks.getInt(1), "600 000 bytes in chunks of 256 KiB");
      }
    }
    assertEquals(
        List.of(
            "RECORD_CREATE PERMIT ROLE_ALLOWED",
            "DOCUMENT_PUBLISH PERMIT MATRIX_WRITE",
            "CONTENT_READ PERMIT AUTHOR"),
        traces(record));
  }

  @Test
  void accessesAreTracedWithTheirModeAndRefusalsCommitTheirTrace() throws SQLException {
    Ins ins = newIns();
    java.util.UUID record = records.create(ADMIN, ins, MARIE, new Contact(null, null), true).id();
    java.util.UUID lab = documents.publish(GP, push(ins, "11502-2", pdf(100))).document().id();
    Actor emergency = Actor.professional("psc-e", "10505050505", "10", "emergency", "750712184");

    grants.declare(emergency, record, AccessMode.BREAK_GLASS, "Inconscient");
    documents.read(emergency, record, lab);
    AccessRefused refused =
        assertThrows(AccessRefused.class, () -> documents.read(DENTIST, record, lab));
    consent.block(Actor.patient("p-it", ins.number()), record, "10505050505", true);
    assertThrows(AccessRefused.class, () -> documents.read(emergency, record, lab));

    assertEquals(ErrorCode.NO_AGREEMENT, refused.code());
    List<String> modes = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        java.sql.PreparedStatement sql =
            connection.prepareStatement(
                "select action || ' ' || outcome || ' ' || reason || ' ' ||"
                    + " coalesce(access_mode, '-') from trace where record_id = ? order by id")) {
      sql.setObject(1, record);
      try (ResultSet result = sql.executeQuery()) {
        while (result.next()) {
          modes.add(result.getString(1));
        }
      }
    }
    assertEquals(
        List.of(
            "RECORD_CREATE PERMIT ROLE_ALLOWED -",
            "DOCUMENT_PUBLISH PERMIT MATRIX_WRITE -",
            "GRANT_CREATE PERMIT GRANTED_BREAK_GLASS BREAK_GLASS",
            "DOCUMENT_READ PERMIT AGREEMENT_BREAK_GLASS BREAK_GLASS",
            "DOCUMENT_READ DENY NO_AGREEMENT -",
            "BLOCK_SET PERMIT OWN_RECORD -",
            "DOCUMENT_READ DENY BLOCKED_BY_PATIENT BREAK_GLASS"),
        modes);
  }

  @Test
  void theApplicationUserCannotAlterOrEraseTraces() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement sql = connection.createStatement()) {
      if (!"carnet_app".equals(connection.getMetaData().getUserName())) {
        return; // an external database set up by its operator: its privileges are theirs
      }
      assertThrows(SQLException.class, () -> sql.execute("update trace set reason = 'x'"));
      assertThrows(SQLException.class, () -> sql.execute("delete from trace"));
      // Nor through a partition, nor by emptying one.
      String month;
      try (var current =
          sql.executeQuery(
              "select 'trace_' || to_char(now() at time zone 'UTC', 'YYYY_MM')"
                  + " where to_regclass('trace_' || to_char(now() at time zone 'UTC', 'YYYY_MM'))"
                  + " is not null")) {
        assertTrue(current.next());
        month = current.getString(1);
      }
      assertTrue(month.matches("trace_\\d{4}_\\d{2}"), month);
      assertThrows(SQLException.class, () -> sql.execute("update " + month + " set reason = 'x'"));
      assertThrows(SQLException.class, () -> sql.execute("delete from " + month));
      assertThrows(SQLException.class, () -> sql.execute("truncate trace"));
      assertThrows(SQLException.class, () -> sql.execute("delete from trace_default"));
    }
  }

  // ---- The notification outbox, as several server instances share it --------------------------

  @Test
  void twoInstancesNeverClaimTheSameMailbox() throws Exception {
    for (int i = 0; i < 3; i++) {
      records.create(
          ADMIN, newIns(), MARIE, new Contact("claims-" + i + "@example.org", null), true);
    }
    Instant now = Instant.now().plusSeconds(1);
    Duration lease = Duration.ofMinutes(5);
    List<Delivery> first;
    List<Delivery> meanwhile;
    transaction.begin();
    try {
      // This instance holds the rows it claimed until its transaction ends…
      first = outbox.claimDue(now, now.plus(lease), 1000, 10);
      // …while another instance claims in its own: it skips them rather than wait or take them.
      meanwhile =
          executor
              .submit(() -> outboxService.claim(now, lease, 1000, 10))
              .get(10, TimeUnit.SECONDS);
    } finally {
      transaction.commit();
    }
    Set<UUID> firstRecords = new HashSet<>();
    first.forEach(delivery -> firstRecords.add(delivery.recordId()));
    assertTrue(firstRecords.size() >= 3, "the three new mailboxes were due");
    assertTrue(meanwhile.stream().noneMatch(d -> firstRecords.contains(d.recordId())));
    // Committed, the claims are leases: nobody takes those mailboxes again before it expires.
    assertTrue(outboxService.claim(now, lease, 1000, 10).isEmpty());
  }

  @Test
  void whatArrivesWhileAMessageIsSentWaitsForTheNextWindow() throws Exception {
    RecordView created =
        records.create(ADMIN, newIns(), MARIE, new Contact("window@example.org", null), true);
    Instant now = Instant.now().plusSeconds(1);
    Delivery delivery =
        outboxService.claim(now, Duration.ofMinutes(5), 1000, 10).stream()
            .filter(d -> d.recordId().equals(created.id()))
            .findFirst()
            .orElseThrow();
    assertEquals(1, delivery.pending().size());

    transaction.begin();
    notifications.documentArrived(created.id());
    transaction.commit();
    outboxService.delivered(delivery, "SENT", now, Duration.ofHours(1));

    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "select m.due_at, m.last_sent_at, m.claimed_until, (select count(*) from"
                    + " notification n where n.record_id = m.record_id and n.delivered_at is null)"
                    + " from notification_mailbox m where m.record_id = ?")) {
      query.setObject(1, created.id());
      try (ResultSet mailbox = query.executeQuery()) {
        assertTrue(mailbox.next());
        assertEquals(
            now.plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS),
            mailbox.getTimestamp(1).toInstant().truncatedTo(ChronoUnit.MILLIS));
        assertEquals(
            now.truncatedTo(ChronoUnit.MILLIS),
            mailbox.getTimestamp(2).toInstant().truncatedTo(ChronoUnit.MILLIS));
        assertEquals(null, mailbox.getTimestamp(3));
        assertEquals(1, mailbox.getLong(4), "the document's notification is still pending");
      }
    }
  }

  // ---- The account's life, with the jobs' clock moved ------------------------------------------

  @Test
  void theWindowOpensARecordAtItsEndOnceAndNotAnInstantBefore() throws SQLException {
    RecordView pending =
        records.create(ADMIN, newIns(), MARIE, new Contact("window@example.org", null), false);
    Instant deadline = pending.createdAt().plus(Duration.ofDays(42));

    lifecycle.openEndedWindows(deadline.minusMillis(1), 100_000);
    assertEquals("PENDING", stateOf(pending.id()));
    assertTrue(lifecycle.openEndedWindows(deadline, 100_000) >= 1);
    assertEquals("OPEN", stateOf(pending.id()));
    // Idempotent: a second run, or another instance's, opens nothing twice.
    lifecycle.openEndedWindows(deadline.plus(Duration.ofDays(1)), 100_000);
    assertEquals(1, tracesOf(pending.id(), "RECORD_OPEN_AT_WINDOW_END"));
  }

  @Test
  void thePurgeDeletesEverythingAtTheEndOfTheRetentionAndKeepsATombstone() throws SQLException {
    Ins ins = newIns();
    RecordView open =
        records.create(ADMIN, ins, MARIE, new Contact("purge@example.org", null), true);
    Published published = documents.publish(GP, push(ins, "11502-2", pdf(2_000)));
    lifecycle.close(AGENT, open.id(), false);
    Instant retentionEnd = Instant.now().atZone(java.time.ZoneOffset.UTC).plusYears(10).toInstant();

    lifecycle.purgeEndedRetentions(retentionEnd.minus(Duration.ofDays(1)), 100_000);
    assertEquals("CLOSED", stateOf(open.id()));
    assertTrue(lifecycle.purgeEndedRetentions(retentionEnd.plus(Duration.ofDays(1)), 100_000) >= 1);

    assertEquals("PURGED", stateOf(open.id()));
    assertEquals(0, rows("identity where record_id = ?", open.id()));
    assertEquals(0, rows("document where record_id = ?", open.id()));
    assertEquals(0, rows("document_content where document_id = ?", published.document().id()));
    assertEquals(0, rows("provisional_code where record_id = ?", open.id()));
    assertEquals(1, tracesOf(open.id(), "RECORD_PURGE"));
    // The trail is kept: the purge is proven, the accesses before it still auditable.
    assertTrue(rows("trace where record_id = ?", open.id()) > 1);
  }

  @Test
  void theApplicationUserCannotDeleteARecordsDataExceptThroughThePurge() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement sql = connection.createStatement()) {
      if (!"carnet_app".equals(connection.getMetaData().getUserName())) {
        return; // an external database set up by its operator: its privileges are theirs
      }
      assertThrows(SQLException.class, () -> sql.execute("delete from document"));
      assertThrows(SQLException.class, () -> sql.execute("delete from document_content"));
    }
  }

  private String stateOf(UUID recordId) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement("select state from record where id = ?")) {
      query.setObject(1, recordId);
      try (ResultSet row = query.executeQuery()) {
        assertTrue(row.next());
        return row.getString(1);
      }
    }
  }

  private long tracesOf(UUID recordId, String action) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "select count(*) from trace where record_id = ? and action = ?")) {
      query.setObject(1, recordId);
      query.setString(2, action);
      try (ResultSet row = query.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  private long rows(String fromWhere, UUID id) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement("select count(*) from " + fromWhere)) {
      query.setObject(1, id);
      try (ResultSet row = query.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }
}

package fr.carnet.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fr.carnet.devserver.RoundTripRelay;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a push and a search cost the database, counted on the wire between Payara and PostgreSQL
 * (the e2e database is reached through a {@link RoundTripRelay}): a push's writes (document,
 * content, trace, notification) are one round trip, a search's page and its trace another; and a
 * push that fails midway leaves nothing stored, whichever part failed.
 */
@ExtendWith(CarnetServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoundTripsE2EIT {

  private static final String LOINC = "http://loinc.org";

  private CarnetServer carnet;
  private RoundTripRelay relay;
  private String gp;

  @BeforeAll
  void connect(CarnetServer carnet) {
    this.carnet = carnet;
    assumeTrue(
        carnet.server().database().roundTrips().isPresent(),
        "an external database is reached directly, without the relay that counts");
    this.relay = carnet.server().database().roundTrips().orElseThrow();
    this.gp = carnet.token("professional");
    // The reference data are read once per server (the document types): not a push's cost.
    assertThat(push(tag(), Documents.uniqueId(), openRecord(), Documents.pdf(1024)).status())
        .isEqualTo(201);
  }

  @Test
  void aPushWritesItsDocumentContentTraceAndNotificationInOneRoundTrip() {
    String nir = openRecord();
    String tag = tag();

    Api.Reply pushed = push(tag, Documents.uniqueId(), nir, Documents.pdf(10 * 1024));

    assertThat(pushed.status()).as(pushed.toString()).isEqualTo(201);
    RoundTripRelay.Exchange exchange = relay.exchange(tag).orElseThrow();
    List<List<String>> writing =
        roundTripsWith(exchange, "insert into document", "append_trace", "enqueue_notification");
    assertThat(writing).as(exchange.describe()).hasSize(1);
    assertThat(writing.get(0)).as(exchange.describe()).hasSize(1);
    String statement = writing.get(0).get(0).toLowerCase(Locale.ROOT);
    assertThat(statement)
        .contains("insert into document (")
        .contains("insert into document_content")
        .contains("append_trace(")
        .contains("enqueue_notification(");
    // Nothing is read back after the write, and no part of it goes on its own.
    assertThat(roundTripsWith(exchange, "append_trace")).hasSize(1);
    assertThat(roundTripsWith(exchange, "document_content")).hasSize(1);
    assertThat(roundTripsWith(exchange, "enqueue_notification")).hasSize(1);
    assertThat(roundTripsWith(exchange, "from document ")).isEmpty();
    // The person by INS, the record's facts, the writes, the commit.
    assertThat(working(exchange)).as(exchange.describe()).hasSize(4);
  }

  @Test
  void theSamePushAgainWritesNothingButItsTraceAndAnswersTheSameDocument() {
    String nir = openRecord();
    String uniqueId = Documents.uniqueId();
    byte[] pdf = Documents.pdf(2048);
    Api.Reply first = push(tag(), uniqueId, nir, pdf);
    String tag = tag();

    Api.Reply again = push(tag, uniqueId, nir, pdf);

    assertThat(again.status()).as(again.toString()).isEqualTo(200);
    assertThat(again.json().getString("id")).isEqualTo(first.json().getString("id"));
    RoundTripRelay.Exchange exchange = relay.exchange(tag).orElseThrow();
    // The filing found the unique id taken and wrote nothing; the replay is traced on its own.
    assertThat(roundTripsWith(exchange, "enqueue_notification")).as(exchange.describe()).hasSize(1);
    assertThat(roundTripsWith(exchange, "append_trace")).as(exchange.describe()).hasSize(2);
  }

  @Test
  void aSearchReadsItsPageAndWritesItsTraceInOneRoundTrip() {
    String nir = openRecord();
    for (int i = 0; i < 3; i++) {
      assertThat(push(tag(), Documents.uniqueId(), nir, Documents.pdf(1024)).status())
          .isEqualTo(201);
    }
    String record = recordOf(nir);
    // The GP's first reads of the record note them as a reader (the patient is told once); the
    // server remembers it once the database answered that it was not the first.
    search(record, tag());
    search(record, tag());
    String tag = tag();

    Api.Reply page = search(record, tag);

    assertThat(page.status()).as(page.toString()).isEqualTo(200);
    assertThat(page.json().getJsonArray("items")).hasSize(3);
    RoundTripRelay.Exchange exchange = relay.exchange(tag).orElseThrow();
    List<List<String>> searching = roundTripsWith(exchange, "from document ", "append_trace");
    assertThat(searching).as(exchange.describe()).hasSize(1);
    assertThat(searching.get(0)).hasSize(1);
    assertThat(roundTripsWith(exchange, "append_trace")).hasSize(1);
    assertThat(roundTripsWith(exchange, "from document ")).hasSize(1);
    // The record's facts, the page with its trace, the commit.
    assertThat(working(exchange)).as(exchange.describe()).hasSize(3);
  }

  @Test
  void aPushWhoseNotificationFailsLeavesNothingStored() throws Exception {
    String nir = openRecord();
    String record = recordOf(nir);
    String uniqueId = Documents.uniqueId();
    String tag = tag();
    long notificationsBefore =
        count("select count(*) from notification where record_id = ?::uuid", record);

    Api.Reply pushed;
    try (Failure failure = new Failure("notification", "new.record_id = '" + record + "'")) {
      pushed = push(tag, uniqueId, nir, Documents.pdf(4096));
    }

    assertThat(pushed.status()).as(pushed.toString()).isEqualTo(500);
    assertNothingStored(record, uniqueId, tag, notificationsBefore);
  }

  @Test
  void aPushWhoseSecondChunkFailsLeavesNothingStored() throws Exception {
    String nir = openRecord();
    String record = recordOf(nir);
    String uniqueId = Documents.uniqueId();
    String tag = tag();
    long notificationsBefore =
        count("select count(*) from notification where record_id = ?::uuid", record);

    // The first chunk, the document, its trace and notification are written in one statement;
    // the second chunk (content over 256 KiB) follows in another, and fails.
    Api.Reply pushed;
    try (Failure failure =
        new Failure(
            "document_content",
            "new.seq = 1 and new.document_id in (select id from document where record_id = '"
                + record
                + "')")) {
      pushed = push(tag, uniqueId, nir, Documents.pdf(300 * 1024));
    }

    assertThat(pushed.status()).as(pushed.toString()).isEqualTo(500);
    assertNothingStored(record, uniqueId, tag, notificationsBefore);
  }

  private void assertNothingStored(
      String record, String uniqueId, String tag, long notificationsBefore) throws SQLException {
    assertThat(count("select count(*) from document where unique_id = ?", uniqueId)).isZero();
    assertThat(
            count(
                "select count(*) from document_content c join document d on d.id = c.document_id"
                    + " where d.record_id = ?::uuid",
                record))
        .isZero();
    assertThat(count("select count(*) from trace where request_id = ?", tag)).isZero();
    assertThat(count("select count(*) from notification where record_id = ?::uuid", record))
        .isEqualTo(notificationsBefore);
  }

  /**
   * A trigger that fails the inserts into {@code table} matching {@code condition}, put in place by
   * the database's superuser for the time of one push, as a disk full or a broken constraint would
   * fail them.
   */
  private final class Failure implements AutoCloseable {
    private final String name = "e2e_fail_" + UUID.randomUUID().toString().replace("-", "");
    private final String table;

    Failure(String table, String condition) throws SQLException {
      this.table = table;
      try (Connection superuser = carnet.server().database().superuserConnection();
          Statement sql = superuser.createStatement()) {
        sql.execute(
            "create function "
                + name
                + "() returns trigger language plpgsql as $$ begin if "
                + condition
                + " then raise exception 'failed on purpose by the test'; end if; return new;"
                + " end $$");
        sql.execute(
            "create trigger "
                + name
                + " before insert on "
                + table
                + " for each row execute function "
                + name
                + "()");
      }
    }

    @Override
    public void close() throws SQLException {
      try (Connection superuser = carnet.server().database().superuserConnection();
          Statement sql = superuser.createStatement()) {
        sql.execute("drop trigger " + name + " on " + table);
        sql.execute("drop function " + name + "()");
      }
    }
  }

  private long count(String sql, String parameter) throws SQLException {
    try (Connection superuser = carnet.server().database().superuserConnection();
        PreparedStatement query = superuser.prepareStatement(sql)) {
      query.setString(1, parameter);
      try (ResultSet row = query.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  /**
   * The round trips of the request's transaction that execute something, without PgJDBC's empty
   * Syncs and without the pool's check of the connection (a {@code SELECT 1} at most every ten
   * seconds per connection, so that some requests have one and most do not). The driver sends an
   * empty Sync before a prepared statement whose rows have no bounded size, its guard against a
   * deadlock of full buffers (see README, "One round trip"); a BEGIN travels with the statement
   * after it.
   */
  private static List<List<String>> working(RoundTripRelay.Exchange exchange) {
    List<List<String>> roundTrips = exchange.roundTrips();
    int begin = 0;
    while (begin < roundTrips.size() && !roundTrips.get(begin).contains("BEGIN")) {
      begin++;
    }
    begin = Math.min(begin, roundTrips.size() - 1);
    return roundTrips.subList(begin, roundTrips.size()).stream()
        .filter(
            roundTrip ->
                roundTrip.stream()
                    .anyMatch(
                        sql ->
                            !sql.equals("BEGIN")
                                && !sql.equals("(no statement)")
                                && !sql.equals("SELECT 1")))
        .toList();
  }

  /** The round trips of the exchange with a statement that contains every one of the words. */
  private static List<List<String>> roundTripsWith(
      RoundTripRelay.Exchange exchange, String... words) {
    return exchange.roundTrips().stream()
        .filter(
            roundTrip ->
                roundTrip.stream()
                    .map(sql -> sql.toLowerCase(Locale.ROOT))
                    .anyMatch(sql -> List.of(words).stream().allMatch(sql::contains)))
        .toList();
  }

  private Api.Reply search(String record, String tag) {
    return carnet
        .api()
        .send(
            carnet
                .api()
                .request("/api/v1/records/" + record + "/documents?limit=20", gp)
                .header("X-Request-Id", tag)
                .GET());
  }

  private static String tag() {
    return CarnetServer.ROUND_TRIP_MARKER + UUID.randomUUID();
  }

  private Api.Reply push(String tag, String uniqueId, String nir, byte[] pdf) {
    return carnet
        .api()
        .send(
            carnet
                .api()
                .request("/api/v1/documents", gp)
                .header("X-Request-Id", tag)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        Documents.push(
                            uniqueId,
                            nir,
                            LOINC,
                            "11502-2",
                            "2026-11-20T09:30:00Z",
                            "application/pdf",
                            pdf))));
  }

  /** A new person with an open record and an email address, the GP's agreement declared. */
  private String openRecord() {
    String nir = People.newNir();
    Api.Reply created =
        carnet.api().post("/api/v1/records", carnet.token("admin"), People.createBody(nir, true));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().getString("id");
    assertThat(
            carnet
                .api()
                .post("/api/v1/records/" + id + "/agreements", gp, "{\"mode\":\"NORMAL\"}")
                .status())
        .isEqualTo(201);
    return nir;
  }

  private String recordOf(String nir) {
    return carnet
        .api()
        .get("/api/v1/records/mine", carnet.token("patient", java.util.Map.of("ins", nir)))
        .json()
        .getString("id");
  }
}

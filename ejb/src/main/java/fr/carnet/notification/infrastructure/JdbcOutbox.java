package fr.carnet.notification.infrastructure;

import fr.carnet.infrastructure.persistence.CarnetDataSource;
import fr.carnet.infrastructure.persistence.SqlValues;
import fr.carnet.notification.model.Channel;
import fr.carnet.notification.model.Delivery;
import fr.carnet.notification.model.NotificationKind;
import fr.carnet.notification.model.NotificationToQueue;
import fr.carnet.notification.model.Outbox;
import fr.carnet.notification.model.PendingNotification;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** The outbox in plain SQL, on the caller's transaction (see migration V9). */
@ApplicationScoped
public class JdbcOutbox implements Outbox {

  private static final String ENQUEUE = "select " + NotificationEnqueue.CALL;
  private static final String NOTE_READER =
      "select note_reader(?, ?, ?, ?, ? * interval '1 millisecond')";

  // Due mailboxes that nobody holds: SKIP LOCKED lets every instance claim different ones, and
  // the lease keeps them theirs after this short transaction, while the message is sent.
  private static final String CLAIM =
      "update notification_mailbox m set claimed_until = ?"
          + " from (select record_id, channel from notification_mailbox"
          + " where due_at <= ? and (claimed_until is null or claimed_until < ?)"
          + " order by due_at limit ? for update skip locked) due"
          + " where m.record_id = due.record_id and m.channel = due.channel"
          + " returning m.record_id, m.channel, m.attempts";
  private static final String ADDRESS =
      "select contact_email, contact_phone, contact_address from record where id = ?";
  private static final String PENDING =
      "select n.id, n.kind, n.occurred_at, n.actor_rpps, p.label_fr, n.detail"
          + " from notification n left join profession p on p.code = n.actor_profession"
          + " where n.record_id = ? and n.channel = ? and n.delivered_at is null"
          + " order by n.id limit ?";
  private static final String LOCK_MAILBOX =
      "select 1 from notification_mailbox where record_id = ? and channel = ? for update";
  private static final String MARK_DELIVERED =
      "update notification set delivered_at = ?, delivery = ?"
          + " where record_id = ? and channel = ? and delivered_at is null and id <= ?";
  private static final String AFTER_DELIVERY =
      "update notification_mailbox m set last_sent_at = ?, claimed_until = null, attempts = 0,"
          + " last_error = null, due_at = case when exists (select 1 from notification n"
          + " where n.record_id = m.record_id and n.channel = m.channel"
          + " and n.delivered_at is null) then ? end"
          + " where m.record_id = ? and m.channel = ?";
  private static final String AFTER_FAILURE =
      "update notification_mailbox set claimed_until = null, attempts = attempts + 1,"
          + " last_error = ?, due_at = ? where record_id = ? and channel = ?";

  private static final String IMPOSSIBLE_LETTERS =
      "select n.record_id, n.kind, n.occurred_at from notification n"
          + " join record r on r.id = n.record_id"
          + " where n.channel = 'POST' and n.delivery = 'NO_ADDRESS' and r.contact_address is null"
          + " and r.contact_email is null and r.contact_phone is null and r.state <> 'PURGED'"
          + " order by n.occurred_at desc limit ?";

  @Resource(lookup = CarnetDataSource.JNDI_NAME)
  private DataSource dataSource;

  @Override
  public void enqueue(NotificationToQueue notification) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement call = connection.prepareStatement(ENQUEUE)) {
      NotificationEnqueue.bind(call, 1, notification);
      call.executeQuery().close();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot queue a notification", e);
    }
  }

  @Override
  public boolean noteReader(
      UUID recordId, String rpps, String profession, Instant at, Duration window) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement call = connection.prepareStatement(NOTE_READER)) {
      call.setObject(1, recordId);
      call.setString(2, rpps);
      call.setString(3, profession);
      call.setObject(4, utc(at));
      call.setLong(5, window.toMillis());
      try (ResultSet first = call.executeQuery()) {
        first.next();
        return first.getBoolean(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot note a reader", e);
    }
  }

  @Override
  public List<Delivery> claimDue(Instant now, Instant leaseUntil, int limit, int perMessage) {
    List<Delivery> deliveries = new ArrayList<>();
    try (Connection connection = dataSource.getConnection()) {
      List<Object[]> claimed = new ArrayList<>();
      try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
        claim.setObject(1, utc(leaseUntil));
        claim.setObject(2, utc(now));
        claim.setObject(3, utc(now));
        claim.setInt(4, limit);
        try (ResultSet rows = claim.executeQuery()) {
          while (rows.next()) {
            claimed.add(
                new Object[] {
                  rows.getObject(1, UUID.class), Channel.valueOf(rows.getString(2)), rows.getInt(3)
                });
          }
        }
      }
      for (Object[] mailbox : claimed) {
        UUID recordId = (UUID) mailbox[0];
        Channel channel = (Channel) mailbox[1];
        deliveries.add(
            new Delivery(
                recordId,
                channel,
                address(connection, recordId, channel),
                (Integer) mailbox[2],
                pending(connection, recordId, channel, perMessage)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot claim notifications", e);
    }
    return deliveries;
  }

  @Override
  public void delivered(Delivery delivery, String outcome, Instant now, Duration window) {
    try (Connection connection = dataSource.getConnection()) {
      // The mailbox lock first: a notification queued meanwhile is then committed and seen by
      // the next statements, so the mailbox cannot end up not due with something pending.
      lock(connection, delivery);
      try (PreparedStatement mark = connection.prepareStatement(MARK_DELIVERED)) {
        mark.setObject(1, utc(now));
        mark.setString(2, outcome);
        mark.setObject(3, delivery.recordId());
        mark.setString(4, delivery.channel().name());
        mark.setLong(5, delivery.lastId());
        mark.executeUpdate();
      }
      try (PreparedStatement release = connection.prepareStatement(AFTER_DELIVERY)) {
        release.setObject(1, utc(now));
        release.setObject(2, utc(now.plus(window)));
        release.setObject(3, delivery.recordId());
        release.setString(4, delivery.channel().name());
        release.executeUpdate();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot mark notifications delivered", e);
    }
  }

  @Override
  public void failed(Delivery delivery, String error, Instant retryAt) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement release = connection.prepareStatement(AFTER_FAILURE)) {
      release.setString(1, error.length() > 256 ? error.substring(0, 256) : error);
      release.setObject(2, utc(retryAt));
      release.setObject(3, delivery.recordId());
      release.setString(4, delivery.channel().name());
      release.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot release a mailbox", e);
    }
  }

  @Override
  public List<ImpossibleLetter> impossibleLetters(int limit) {
    List<ImpossibleLetter> letters = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement(IMPOSSIBLE_LETTERS)) {
      query.setInt(1, limit);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          letters.add(
              new ImpossibleLetter(
                  rows.getObject(1, UUID.class),
                  NotificationKind.valueOf(rows.getString(2)),
                  SqlValues.instant(rows.getObject(3))));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot list the impossible letters", e);
    }
    return letters;
  }

  private static void lock(Connection connection, Delivery delivery) throws SQLException {
    try (PreparedStatement lock = connection.prepareStatement(LOCK_MAILBOX)) {
      lock.setObject(1, delivery.recordId());
      lock.setString(2, delivery.channel().name());
      lock.executeQuery().close();
    }
  }

  private static String address(Connection connection, UUID recordId, Channel channel)
      throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(ADDRESS)) {
      query.setObject(1, recordId);
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          return null;
        }
        return row.getString(
            switch (channel) {
              case EMAIL -> 1;
              case SMS -> 2;
              case POST -> 3;
            });
      }
    }
  }

  private static List<PendingNotification> pending(
      Connection connection, UUID recordId, Channel channel, int limit) throws SQLException {
    List<PendingNotification> pending = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(PENDING)) {
      query.setObject(1, recordId);
      query.setString(2, channel.name());
      query.setInt(3, limit);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          pending.add(
              new PendingNotification(
                  rows.getLong(1),
                  NotificationKind.valueOf(rows.getString(2)),
                  SqlValues.instant(rows.getObject(3)),
                  rows.getString(4),
                  rows.getString(5),
                  rows.getString(6)));
        }
      }
    }
    return pending;
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}

package fr.carnet.notification.infrastructure;

import fr.carnet.notification.model.NotificationToQueue;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneOffset;

/**
 * The call that queues a notification on each channel the patient chose, {@code
 * enqueue_notification(…)} (migrations V9, V11), as a piece of SQL that any statement can carry:
 * the outbox's own, or the statement that does the work the notification tells of.
 */
public final class NotificationEnqueue {

  /** The call, its 7 parameters in {@link #bind}'s order. */
  public static final String CALL =
      "enqueue_notification(?, ?, ?, ?, ?, ?, ? * interval '1 millisecond')";

  private NotificationEnqueue() {}

  /** Binds the notification from {@code index} on; returns the index after the last. */
  public static int bind(PreparedStatement statement, int index, NotificationToQueue notification)
      throws SQLException {
    int i = index;
    statement.setObject(i++, notification.recordId());
    statement.setString(i++, notification.kind().name());
    statement.setObject(i++, notification.at().atOffset(ZoneOffset.UTC));
    statement.setString(i++, notification.actorRpps());
    statement.setString(i++, notification.actorProfession());
    statement.setString(i++, notification.detail());
    statement.setLong(i++, notification.window().toMillis());
    return i;
  }
}

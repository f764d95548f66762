package fr.carnet.portability.infrastructure;

import fr.carnet.infrastructure.persistence.CarnetDataSource;
import fr.carnet.portability.model.ExportLocks;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The record's export lock as a PostgreSQL session-level advisory lock, on a connection of its own
 * held for as long as the archive streams: every instance sees it, and a server that dies lets it
 * go with its connection. Taken outside the caller's transaction ({@code NOT_SUPPORTED}), since it
 * outlives it: the export is decided and traced in a transaction that ends before the first byte.
 * The two-key form, under {@code hashtext('carnet.export')}, keeps clear of the one-key locks of
 * the trail's jobs.
 */
@Stateless
public class AdvisoryExportLocks implements ExportLocks {

  private static final Logger LOG = Logger.getLogger(AdvisoryExportLocks.class.getName());

  @Resource(lookup = CarnetDataSource.JNDI_NAME)
  private DataSource dataSource;

  @Override
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public Optional<Held> tryHold(UUID recordId) {
    Connection connection = null;
    try {
      connection = dataSource.getConnection();
      boolean locked;
      try (PreparedStatement lock =
          connection.prepareStatement(
              "select pg_try_advisory_lock(hashtext('carnet.export'), hashtext(?))")) {
        lock.setString(1, recordId.toString());
        try (ResultSet row = lock.executeQuery()) {
          locked = row.next() && row.getBoolean(1);
        }
      }
      if (!locked) {
        connection.close();
        return Optional.empty();
      }
      return Optional.of(new SessionLock(connection, recordId));
    } catch (SQLException e) {
      closeQuietly(connection);
      throw new IllegalStateException("Cannot take the export lock", e);
    }
  }

  /** Unlocks, then gives the connection back: a pooled connection must not keep the lock. */
  private static final class SessionLock implements Held {
    private final Connection connection;
    private final UUID recordId;
    private final AtomicBoolean open = new AtomicBoolean(true);

    SessionLock(Connection connection, UUID recordId) {
      this.connection = connection;
      this.recordId = recordId;
    }

    @Override
    public void close() {
      if (!open.compareAndSet(true, false)) {
        return;
      }
      try (PreparedStatement unlock =
          connection.prepareStatement(
              "select pg_advisory_unlock(hashtext('carnet.export'), hashtext(?))")) {
        unlock.setString(1, recordId.toString());
        unlock.execute();
      } catch (SQLException e) {
        LOG.log(Level.WARNING, "Cannot release an export lock; its connection is closed", e);
      } finally {
        closeQuietly(connection);
      }
    }
  }

  private static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        LOG.log(Level.FINE, "Closing a connection", e);
      }
    }
  }
}

package fr.carnet.account.infrastructure;

import fr.carnet.account.model.RecordPurges;
import fr.carnet.infrastructure.persistence.CarnetDataSource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** On the caller's transaction: the claimed rows stay locked until it ends. */
@ApplicationScoped
public class JdbcRecordPurges implements RecordPurges {

  @Resource(lookup = CarnetDataSource.JNDI_NAME)
  private DataSource dataSource;

  @Override
  public List<UUID> claimEndedWindows(Instant now, int limit) {
    return claim(
        "select id from record where state = 'PENDING' and opposition_deadline <= ?"
            + " order by opposition_deadline limit ? for update skip locked",
        now,
        limit);
  }

  @Override
  public List<UUID> claimEndedRetentions(Instant now, int limit) {
    return claim(
        "select id from record where state = 'CLOSED' and purge_after <= ?"
            + " order by purge_after limit ? for update skip locked",
        now,
        limit);
  }

  @Override
  public void purge(UUID recordId, Instant at) {
    call("select purge_record(?, ?)", recordId, at);
  }

  @Override
  public void eraseContent(UUID recordId) {
    call("select erase_record_content(?)", recordId, null);
  }

  private List<UUID> claim(String sql, Instant now, int limit) {
    List<UUID> ids = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement(sql)) {
      query.setObject(1, now.atOffset(ZoneOffset.UTC));
      query.setInt(2, limit);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getObject(1, UUID.class));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot claim records", e);
    }
    return ids;
  }

  private void call(String sql, UUID recordId, Instant at) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement call = connection.prepareStatement(sql)) {
      call.setObject(1, recordId);
      if (at != null) {
        call.setObject(2, at.atOffset(ZoneOffset.UTC));
      }
      call.executeQuery().close();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot delete a record's data", e);
    }
  }
}

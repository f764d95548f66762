package fr.carnet.audit.infrastructure;

import fr.carnet.audit.model.TracePartitions;
import fr.carnet.infrastructure.persistence.CarnetDataSource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/** Through the database function that may create tables, which the application's user cannot. */
@ApplicationScoped
public class JdbcTracePartitions implements TracePartitions {

  @Resource(lookup = CarnetDataSource.JNDI_NAME)
  private DataSource dataSource;

  @Override
  public int createAhead(Instant from, int monthsAhead) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement call =
            connection.prepareStatement("select create_trace_partitions(?, ?)")) {
      call.setObject(1, from.atOffset(ZoneOffset.UTC));
      call.setInt(2, monthsAhead);
      try (ResultSet made = call.executeQuery()) {
        made.next();
        return made.getInt(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create trace partitions", e);
    }
  }
}

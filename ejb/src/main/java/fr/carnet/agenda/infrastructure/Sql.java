package fr.carnet.agenda.infrastructure;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The few JDBC moves the agenda's repositories share, on the caller's transaction. */
final class Sql {

  /** Maps one row. */
  @FunctionalInterface
  interface Row<T> {
    T map(ResultSet rows) throws SQLException;
  }

  private Sql() {}

  static int update(DataSource dataSource, String sql, Object... parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(connection, statement, parameters);
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static <T> List<T> query(DataSource dataSource, String sql, Row<T> row, Object... parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(connection, statement, parameters);
      List<T> found = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          found.add(row.map(rows));
        }
      }
      return found;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static Instant instant(ResultSet rows, String column) throws SQLException {
    Timestamp at = rows.getTimestamp(column);
    return at == null ? null : at.toInstant();
  }

  private static void bind(Connection connection, PreparedStatement statement, Object[] parameters)
      throws SQLException {
    for (int i = 0; i < parameters.length; i++) {
      Object value = parameters[i];
      if (value instanceof Instant at) {
        statement.setTimestamp(i + 1, Timestamp.from(at));
      } else if (value instanceof java.time.LocalDate day) {
        statement.setObject(i + 1, day);
      } else if (value instanceof java.util.UUID[] ids) {
        statement.setArray(i + 1, connection.createArrayOf("uuid", ids));
      } else {
        statement.setObject(i + 1, value);
      }
    }
  }
}

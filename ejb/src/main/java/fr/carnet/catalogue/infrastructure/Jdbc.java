package fr.carnet.catalogue.infrastructure;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/** The few JDBC steps the catalogue's repositories share, on the caller's transaction. */
final class Jdbc {

  /** Maps one row. */
  @FunctionalInterface
  interface Row<T> {
    T map(ResultSet row) throws SQLException;
  }

  private Jdbc() {}

  static <T> List<T> query(DataSource dataSource, String sql, Row<T> mapper, Object... values) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, values);
      try (ResultSet row = statement.executeQuery()) {
        List<T> found = new ArrayList<>();
        while (row.next()) {
          found.add(mapper.map(row));
        }
        return found;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the catalogue", e);
    }
  }

  static int update(DataSource dataSource, String sql, Object... values) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, values);
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot write the catalogue", e);
    }
  }

  private static void bind(PreparedStatement statement, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      Object value = values[i];
      statement.setObject(i + 1, value instanceof Instant at ? Timestamp.from(at) : value);
    }
  }

  static Instant instant(ResultSet row, String column) throws SQLException {
    Timestamp at = row.getTimestamp(column);
    return at == null ? null : at.toInstant();
  }

  /** Scopes are stored space-separated, in a stable order. */
  static String scopes(Set<String> scopes) {
    return scopes.stream().sorted().collect(Collectors.joining(" "));
  }

  static Set<String> scopes(String stored) {
    return stored == null || stored.isBlank()
        ? Set.of()
        : new LinkedHashSet<>(Arrays.asList(stored.split(" ")));
  }
}

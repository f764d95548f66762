package fr.carnet.audit.infrastructure;

import fr.carnet.audit.model.TraceEntry;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneOffset;

/**
 * The call that appends a trace, {@code append_trace(…)} (a security-definer function: the
 * application's user cannot insert into the trail otherwise), as a piece of SQL that any statement
 * can carry: the trace service's own, or the statement that does the traced work, so that both take
 * one round trip.
 */
public final class TraceAppend {

  /** The call, every field a parameter (14, in {@link #bind}'s order). */
  public static final String CALL = call("?");

  private TraceAppend() {}

  /**
   * The call with its detail given by an expression of the carrying statement (such as the ids a
   * search found), the other fields parameters (13, in {@link #bindAllButDetail}'s order).
   */
  public static String call(String detail) {
    return "append_trace(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " + detail + ", ?, ?)";
  }

  /** Binds every field from {@code index} on; returns the index after the last. */
  public static int bind(PreparedStatement statement, int index, TraceEntry trace)
      throws SQLException {
    int next = bindBeforeDetail(statement, index, trace);
    statement.setString(next++, trace.detail());
    return bindAfterDetail(statement, next, trace);
  }

  /** Binds every field but the detail, for {@link #call(String)}; returns the index after. */
  public static int bindAllButDetail(PreparedStatement statement, int index, TraceEntry trace)
      throws SQLException {
    return bindAfterDetail(statement, bindBeforeDetail(statement, index, trace), trace);
  }

  private static int bindBeforeDetail(PreparedStatement statement, int index, TraceEntry trace)
      throws SQLException {
    int i = index;
    statement.setObject(i++, trace.at().atOffset(ZoneOffset.UTC));
    statement.setString(i++, trace.actorRole());
    statement.setString(i++, trace.actorId());
    statement.setString(i++, trace.actorRpps());
    statement.setString(i++, trace.actorProfession());
    statement.setString(i++, trace.actorFiness());
    statement.setObject(i++, trace.recordId());
    statement.setObject(i++, trace.documentId());
    statement.setString(i++, trace.action());
    statement.setString(i++, trace.outcome());
    statement.setString(i++, trace.reason());
    return i;
  }

  private static int bindAfterDetail(PreparedStatement statement, int index, TraceEntry trace)
      throws SQLException {
    int i = index;
    statement.setString(i++, trace.accessMode());
    statement.setString(i++, trace.requestId());
    return i;
  }
}

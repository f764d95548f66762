package fr.carnet.web.rest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ejb.EJBException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.stream.Stream;
import javax.transaction.xa.XAException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which failures are the database being away (503, retry) and which are faults (500). */
class DatabaseOutageTest {

  /** Payara's pool names its own exception; this stands for it by the same simple name. */
  static final class PoolingException extends Exception {
    PoolingException(String message) {
      super(message);
    }
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of("connection refused (08001)", new SQLException("refused", "08001"), true),
        Arguments.of(
            "connection broken mid-request (08006)", new SQLException("io", "08006"), true),
        Arguments.of("administrator shutdown (57P01)", new SQLException("bye", "57P01"), true),
        Arguments.of("starting up (57P03)", new SQLException("not yet", "57P03"), true),
        Arguments.of(
            "the pool cannot allocate, deep in the EJB wrapping",
            new EJBException(
                new RuntimeException(
                    new SQLException(
                        "Error in allocating a connection", null, new PoolingException("pool")))),
            true),
        Arguments.of(
            "a socket refused", new RuntimeException(new ConnectException("refused")), true),
        Arguments.of(
            "the commit failed in the resource manager (connection cut at commit)",
            new EJBException(
                "Unable to complete container-managed transaction.",
                (Exception)
                    new jakarta.transaction.SystemException().initCause(new XAException("rm"))),
            true),
        Arguments.of("a unique violation (23505)", new SQLException("dup", "23505"), false),
        Arguments.of("a syntax error (42601)", new SQLException("syntax", "42601"), false),
        Arguments.of("an SQL error without state", new SQLException("odd"), false),
        Arguments.of("a plain fault", new IllegalStateException("bug"), false));
  }

  @ParameterizedTest(name = "{0} -> outage {2}")
  @MethodSource("failures")
  void onlyTheDatabaseBeingAwayIsAnOutage(String what, Throwable failure, boolean outage) {
    assertThat(UnexpectedExceptionMapper.isDatabaseOutage(failure)).isEqualTo(outage);
  }
}

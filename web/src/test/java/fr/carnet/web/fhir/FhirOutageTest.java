package fr.carnet.web.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import jakarta.ejb.EJBException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** /fhir answers the database away as /api does: 503, Retry-After, an OperationOutcome. */
class FhirOutageTest {

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(
            "connection refused, wrapped by the EJB container",
            new EJBException(new RuntimeException(new SQLException("refused", "08001"))),
            503,
            "DATABASE_UNAVAILABLE"),
        Arguments.of(
            "the same, as HAPI wraps a provider's failure",
            new ca.uhn.fhir.rest.server.exceptions.InternalErrorException(
                "HAPI-0389: Failed to call access method",
                new EJBException(
                    new IllegalStateException(
                        "Cannot read the record's standing", new SQLException("io", "08006")))),
            503,
            "DATABASE_UNAVAILABLE"),
        Arguments.of(
            "HAPI's wrapping of a plain fault is an internal error, not a validation failure",
            new ca.uhn.fhir.rest.server.exceptions.InternalErrorException(
                "HAPI-0389: Failed to call access method", new IllegalStateException("bug")),
            500,
            "INTERNAL_ERROR"),
        Arguments.of(
            "administrator shutdown (57P01)",
            new SQLException("bye", "57P01"),
            503,
            "DATABASE_UNAVAILABLE"),
        Arguments.of(
            "a socket refused",
            new RuntimeException(new ConnectException("refused")),
            503,
            "DATABASE_UNAVAILABLE"),
        Arguments.of(
            "a unique violation is a fault",
            new SQLException("dup", "23505"),
            500,
            "INTERNAL_ERROR"),
        Arguments.of("a plain fault", new IllegalStateException("bug"), 500, "INTERNAL_ERROR"));
  }

  @ParameterizedTest(name = "{0} -> {2} {3}")
  @MethodSource("failures")
  void theDatabaseAwayIsAServiceUnavailableOutcomeToRetry(
      String what, Throwable failure, int status, String code) {
    BaseServerResponseException answer = new FhirErrors().translate(null, failure, null);

    assertThat(answer.getStatusCode()).isEqualTo(status);
    OperationOutcome outcome = (OperationOutcome) answer.getOperationOutcome();
    assertThat(outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode())
        .isEqualTo(code);
    assertThat(outcome.getIssueFirstRep().getDiagnostics()).doesNotContain("Exception");
    if (status == 503) {
      assertThat(answer.getResponseHeaders()).containsKey("Retry-After");
      assertThat(answer.getResponseHeaders().get("Retry-After")).containsExactly("2");
    } else {
      assertThat(answer.getResponseHeaders()).doesNotContainKey("Retry-After");
    }
  }
}

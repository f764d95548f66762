package fr.carnet.web.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import fr.carnet.audit.model.TraceAction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The action and words of the trace of a caller refused at {@code /fhir}'s door (an app's token):
 * the interaction's own action, and never an id of the path nor a name the caller made up.
 */
class FhirInteractionsTest {

  @ParameterizedTest(name = "{0} {1} -> {2} \"{3}\"")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          # method | path                                              | action          | detail
          GET     | /DocumentReference                                | DOCUMENT_SEARCH | fhir GET DocumentReference
          GET     | /DocumentReference/5d0c3f9e-0000-4000-8000-000000000001 | DOCUMENT_READ | fhir GET DocumentReference
          POST    | /DocumentReference/_search                        | DOCUMENT_SEARCH | fhir POST DocumentReference
          GET     | /List                                             | DOCUMENT_SEARCH | fhir GET List
          GET     | /Binary/5d0c3f9e-0000-4000-8000-000000000001      | CONTENT_READ    | fhir GET Binary
          GET     | /Patient                                          | RECORD_LOOKUP   | fhir GET Patient
          GET     | /Patient/5d0c3f9e-0000-4000-8000-000000000001/$summary | SUMMARY_READ | fhir GET Patient
          POST    | /                                                 | DOCUMENT_PUBLISH | fhir POST /
          POST    | -                                                 | DOCUMENT_PUBLISH | fhir POST /
          GET     | /AuditEvent                                       | AUDIT_SEARCH    | fhir GET AuditEvent
          GET     | /<script>alert(1)</script>                        | DOCUMENT_SEARCH | fhir GET other
          BREW    | /Observation                                      | DOCUMENT_SEARCH | fhir OTHER other
          """)
  void aRefusalAtTheDoorIsTracedAsItsInteraction(
      String method, String path, String action, String detail) {
    assertThat(FhirInteractions.action(method, path)).isEqualTo(TraceAction.valueOf(action));
    assertThat(FhirInteractions.detail(method, path)).isEqualTo(detail);
  }
}

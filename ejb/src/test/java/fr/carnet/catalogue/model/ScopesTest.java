package fr.carnet.catalogue.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An app declared as exchanging no data is reviewed against the base criteria only: it may ask for
 * no scope that reads or writes the person's documents or profile (review item: the reinforced
 * checklist was skipped by the declaration alone).
 */
class ScopesTest {

  @ParameterizedTest(name = "exchangesData {0} with [{1}] -> {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # exchangesData | scopes                          | outcome
          false           | documents:read:LAB              | APP_CRITERIA_INCOMPLETE
          false           | documents:write                 | APP_CRITERIA_INCOMPLETE
          false           | profile:read                    | APP_CRITERIA_INCOMPLETE
          false           | appointments:write profile:read | APP_CRITERIA_INCOMPLETE
          false           | appointments:write              | ACCEPTED
          true            | documents:read:LAB profile:read | ACCEPTED
          true            | documents:write                 | ACCEPTED
          """)
  void aDeclarationMatchesTheScopes(boolean exchangesData, String scopes, String outcome) {
    Set<String> asked = Set.of(scopes.split(" "));
    if (outcome.equals("ACCEPTED")) {
      assertThat(Scopes.declared(asked, exchangesData)).isEqualTo(asked);
    } else {
      assertThatThrownBy(() -> Scopes.declared(asked, exchangesData))
          .isInstanceOfSatisfying(
              CarnetException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.valueOf(outcome)));
    }
  }
}

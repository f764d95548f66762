package fr.carnet.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code carnet.auth.require-azp} as a table (security.md CA26): with the switch off (the default)
 * a patient token without {@code azp} is Carnet's own client, as before apps; with it on, such a
 * token is refused (401 {@code TOKEN_AZP_MISSING}). Other roles' tokens, and patient tokens that
 * name a client, are never refused by it.
 */
class RequiredAzpTest {

  @ParameterizedTest(name = "groups [{0}] azp {1} require-azp {2} -> refused {3}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          # groups              | azp            | require | refused
          patient               | -              | false   | false
          patient               | -              | true    | true
          patient               | '  '           | true    | true
          patient               | carnet-web     | true    | false
          patient               | suivi-diabete  | true    | false
          patient               | carnet-web     | false   | false
          professional          | -              | true    | false
          agent                 | -              | true    | false
          auditor               | -              | true    | false
          admin                 | -              | true    | false
          app                   | -              | true    | false
          patient professional  | -              | true    | false
          -                     | -              | true    | false
          """)
  void aPatientTokenWithoutAzp(String groups, String azp, boolean require, boolean refused) {
    Set<String> groupSet =
        groups == null
            ? Set.of()
            : Arrays.stream(groups.split(" "))
                .filter(g -> !g.isBlank())
                .collect(Collectors.toSet());
    assertThat(ApiCaller.lacksRequiredAzp(groupSet, azp, require)).isEqualTo(refused);
  }
}

package fr.carnet.web.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which URLs carry an INS: a valid number standing alone, raw or URL-encoded, and no other. */
class InsInUrlFilterTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ins=285057505612338                                          | true
          identifier=urn%3Aoid%3A1.2.250.1.213.1.4.8%7C285057505612338 | true
          /api/v1/records/285057505612338/documents                    | true
          born-in=185052A12345633                                      | true
          born-in=185052a12345633                                      | true
          born-in=185052A12345634                                      | false
          q=2850575056123389x                                          | false
          ins=285057505612339                                          | false
          id=0285057505612338                                          | false
          id=2850575056123389                                          | false
          record=7c9e6679-7425-40de-944b-e07fc1f90ae7                  | false
          from=2026-11-01T00:00:00Z&limit=50                           | false
          short=12345                                                  | false
          """)
  void findsTheInsWhereverItStands(String url, boolean carries) {
    assertThat(InsInUrlFilter.carriesIns(url)).isEqualTo(carries);
  }
}

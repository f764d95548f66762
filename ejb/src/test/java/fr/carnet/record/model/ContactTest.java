package fr.carnet.record.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.carnet.shared.CarnetException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContactTest {

  /** Each case: an email address as typed, and whether it is one mailbox Carnet will send to. */
  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "patient@example.org | true",
        "o'brien+carnet@example.ie | true",
        // A quoted local part, escapes and braces as the RFC allows them.
        "`\"a\\\\b\\\"{c}\"@example.org` | true",
        // Two mailboxes in one: every message copied to one the patient does not see.
        "ops,patient@example.org | false",
        // A group, an unbalanced quote, a name before the address, a local part ending in a dot.
        "list:patient@example.org; | false",
        "`\"patient@example.org` | false",
        "`Jean <patient@example.org>` | false",
        "patient.@example.org | false",
        // No domain, no dot in it.
        "patient | false",
        "patient@example | false",
      })
  void anEmailIsOneMailboxOrIsRefused(String email, boolean accepted) {
    if (accepted) {
      assertThat(new Contact(email, null).email()).isEqualTo(email);
    } else {
      assertThatThrownBy(() -> new Contact(email, null))
          .isInstanceOf(CarnetException.class)
          .hasMessage("contact.email is not an address");
    }
  }
}

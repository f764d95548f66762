package fr.carnet.record.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An app's uploads keep an idempotency space of their own (review item: two apps of one person
 * shared "app:" + record, so one app's unique id answered, or blocked, another's upload).
 */
class AppUploadSourceTest {

  private static final UUID RECORD = UUID.fromString("6f1c2d9e-0d6b-4f54-9c55-3b1f1f6f0a11");

  @Test
  void twoAppsOfOnePersonHaveTwoSourcesThatFitTheColumn() {
    String one = DocumentService.appSource("app-diabete", RECORD);
    String other = DocumentService.appSource("app-tension", RECORD);
    String longest = DocumentService.appSource("a".repeat(128), RECORD);

    assertThat(one).isNotEqualTo(other).startsWith("app:").endsWith(":" + RECORD);
    assertThat(DocumentService.appSource("app-diabete", RECORD)).isEqualTo(one);
    assertThat(DocumentService.appSource("app-diabete", UUID.randomUUID())).isNotEqualTo(one);
    // document.source is varchar(64); "patient:" + record is another space altogether.
    assertThat(longest).hasSize(4 + 16 + 1 + 36).hasSizeLessThanOrEqualTo(64);
    assertThat(one).isNotEqualTo("patient:" + RECORD).isNotEqualTo("app:" + RECORD);
  }
}

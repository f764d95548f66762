package fr.carnet.devserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The extra PostgreSQL settings a benchmark may ask for, and those it may not. */
class DevDatabaseSettingsTest {

  @Test
  void plainSettingsAreTakenInOrder() {
    assertThat(
            DevDatabase.extraSettings(
                " checkpoint_timeout=30min, max_wal_size=4GB ,wal_buffers=16MB"))
        .containsExactly(
            Map.entry("checkpoint_timeout", "30min"),
            Map.entry("max_wal_size", "4GB"),
            Map.entry("wal_buffers", "16MB"));
    assertThat(DevDatabase.extraSettings("")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"fsync=off", "synchronous_commit=off", "full_page_writes=off"})
  void durabilityCannotBeTurnedOff(String setting) {
    assertThatThrownBy(() -> DevDatabase.extraSettings(setting))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("durability stays on");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "listen_addresses=*",
        "work_mem=4MB -c fsync=off",
        "work_mem=4MB;touch /tmp/x",
        "work_mem=$(id)",
        "Work Mem=4MB",
        "work_mem",
        "work_mem="
      })
  void anythingButAPlainNameAndValueIsRefused(String setting) {
    assertThatThrownBy(() -> DevDatabase.extraSettings(setting))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

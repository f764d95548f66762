package fr.carnet.staff.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaffBootstrapTest {

  @TempDir Path folder;

  @Test
  void thePasswordFileIsReadableAndWritableByItsOwnerOnly() throws Exception {
    Path file = folder.resolve("config").resolve("carnet-admin-password");

    StaffBootstrap.writeOwnerOnly(file, "le-mot-de-passe-tire");

    assertThat(Files.readString(file).trim()).isEqualTo("le-mot-de-passe-tire");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void aFileLeftFromAnEarlierInstallationIsReplacedNotAppendedNorLeftOpen() throws Exception {
    Path file = folder.resolve("carnet-admin-password");
    Files.writeString(file, "ancien");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    StaffBootstrap.writeOwnerOnly(file, "nouveau");

    assertThat(Files.readString(file).trim()).isEqualTo("nouveau");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void theKeysOfTheThrottleNeverHoldTheTypedText() {
    String key = ConsoleLoginService.key(ConsoleLoginService.ACCOUNT, "mon-mot-de-passe");
    assertThat(key).hasSize(64).matches("[0-9a-f]+").doesNotContain("mon-mot-de-passe");
    assertThat(ConsoleLoginService.key(ConsoleLoginService.ADDRESS, "mon-mot-de-passe"))
        .isNotEqualTo(key);
  }
}

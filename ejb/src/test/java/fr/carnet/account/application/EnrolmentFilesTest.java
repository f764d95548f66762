package fr.carnet.account.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An enrolment file lists NIRs: the server's user only reads it, and it goes when done. */
class EnrolmentFilesTest {

  @TempDir Path temp;

  @Test
  void theFileAndItsFolderArePrivateToTheServersUser() throws Exception {
    Path folder = temp.resolve("enrolments");
    Path file =
        EnrolmentFiles.store(
            folder,
            UUID.randomUUID(),
            new ByteArrayInputStream("285057505612338,…\n".getBytes(StandardCharsets.UTF_8)));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(file)).startsWith("285057505612338");

    EnrolmentFiles.delete(file);
    EnrolmentFiles.delete(file); // gone already: nothing to do
    assertThat(file).doesNotExist();
  }

  @Test
  void aFolderMadeWiderBeforeIsNarrowed() throws Exception {
    Path folder = Files.createDirectory(temp.resolve("open"));
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
    EnrolmentFiles.store(folder, UUID.randomUUID(), new ByteArrayInputStream(new byte[0]));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)))
        .isEqualTo("rwx------");
  }
}

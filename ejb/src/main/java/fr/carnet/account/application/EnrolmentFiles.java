package fr.carnet.account.application;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.UUID;

/**
 * The enrolment files on disk: a list of NIRs with names and contacts, so readable and writable by
 * the server's user only ({@code rw-------} in an {@code rwx------} folder), from the first byte
 * written, and deleted when their job completes.
 */
public final class EnrolmentFiles {

  static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private EnrolmentFiles() {}

  /** Writes {@code csv} to {@code <directory>/<id>.csv}, private to the server's user. */
  public static Path store(Path directory, UUID id, InputStream csv) {
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    try {
      if (posix) {
        Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(FOLDER));
        // A folder made before (or by an operator) is narrowed too.
        Files.setPosixFilePermissions(directory, FOLDER);
      } else {
        Files.createDirectories(directory);
      }
      Path file = directory.resolve(id + ".csv");
      // Created private before anything is written: no moment when another user could read it.
      if (posix) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
        Files.setPosixFilePermissions(file, FILE); // whatever the umask took away or added
      } else {
        Files.createFile(file);
      }
      try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
        csv.transferTo(out);
      } catch (IOException cut) {
        // An upload cut short (its bound, a lost client) leaves no part of a file behind.
        Files.deleteIfExists(file);
        throw cut;
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot keep the enrolment file", e);
    }
  }

  /** Deletes an enrolment's file; nothing if it is already gone. */
  public static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete the enrolment file", e);
    }
  }
}

package fr.carnet.notification.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The print shop's folder: letters are written there in batches, one folder per batch, holding one
 * PDF per letter and an {@code index.csv} (letter id, file name, SHA-256, pages). A batch is built
 * in a hidden {@code .batch-….tmp} folder and renamed when complete, so that the print shop only
 * ever sees whole batches; nothing in a file name or the index says who the person is (the letter
 * id is random), and the index carries no code: the code is printed once, in its letter.
 *
 * <p>The folders are created readable by their owner only (the application's user; the print shop's
 * transfer reads as that user or a group the operators set): the letters name the person.
 */
@ApplicationScoped
public class PrintShopFolder {

  static final String INDEX = "index.csv";
  private static final DateTimeFormatter BATCH =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rwx------");

  @Inject
  @ConfigProperty(name = "carnet.letters.folder")
  Optional<String> configured;

  /** The folder: configured, or {@code letters} under the server instance's directory. */
  public Path folder() {
    return Path.of(
        configured
            .filter(f -> !f.isBlank())
            .orElseGet(
                () ->
                    Path.of(
                            Optional.ofNullable(System.getProperty("com.sun.aas.instanceRoot"))
                                .orElse(System.getProperty("java.io.tmpdir")),
                            "letters")
                        .toString()));
  }

  /**
   * How long a published batch stays: the print shop takes its batches within it (they hold codes
   * and histories, so they are not kept beyond).
   */
  @Inject
  @ConfigProperty(name = "carnet.letters.retention", defaultValue = "P14D")
  Duration retention = Duration.ofDays(14);

  /** One line of a batch's index. */
  public record Entry(UUID letterId, String file, String sha256, int pages) {}

  /** Opens a batch: letters go into it until {@link Batch#close}. */
  public Batch open(Instant now) {
    Path root = folder();
    try {
      createPrivate(root);
      requirePrivate(root);
      sweep(root, now);
      String name =
          "batch-" + BATCH.format(now) + "-" + UUID.randomUUID().toString().substring(0, 8);
      Path building = root.resolve("." + name + ".tmp");
      createPrivate(building);
      return new Batch(root.resolve(name), building);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open a batch of letters in " + root, e);
    }
  }

  // Codes and histories go in there: a folder others can read, or a link to elsewhere, is refused
  // (the letters wait and are retried) rather than written to.
  private static void requirePrivate(Path root) throws IOException {
    if (Files.isSymbolicLink(root)) {
      throw new IOException("The letters folder is a symbolic link: " + root);
    }
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(root);
      if (permissions.stream().anyMatch(p -> p.name().startsWith("OTHERS"))) {
        throw new IOException("The letters folder is open to other users: " + root);
      }
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: its own access control applies
    }
  }

  /** Removes the published batches older than the retention, which the print shop has taken. */
  private void sweep(Path root, Instant now) throws IOException {
    Instant oldest = now.minus(retention);
    try (Stream<Path> batches = Files.list(root)) {
      for (Path batch :
          batches.filter(p -> p.getFileName().toString().startsWith("batch-")).toList()) {
        if (Files.getLastModifiedTime(batch).toInstant().isBefore(oldest)) {
          try (Stream<Path> files = Files.list(batch)) {
            for (Path file : files.toList()) {
              Files.deleteIfExists(file);
            }
          }
          Files.deleteIfExists(batch);
        }
      }
    }
  }

  private static void createPrivate(Path folder) throws IOException {
    if (Files.isDirectory(folder)) {
      return;
    }
    try {
      Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    } catch (UnsupportedOperationException e) {
      Files.createDirectories(folder);
    } catch (FileAlreadyExistsException e) {
      // made meanwhile by another instance
    }
  }

  /** A batch being written; nothing of it is visible to the print shop before it is closed. */
  public static final class Batch implements AutoCloseable {
    private final Path target;
    private final Path building;
    private final List<Entry> entries = new ArrayList<>();
    private boolean closed;

    private Batch(Path target, Path building) {
      this.target = target;
      this.building = building;
    }

    public Entry add(UUID letterId, PdfLetters.Rendered letter) {
      String file = letterId + ".pdf";
      try {
        Files.write(building.resolve(file), letter.pdf());
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write a letter", e);
      }
      Entry entry = new Entry(letterId, file, sha256(letter.pdf()), letter.pages());
      entries.add(entry);
      return entry;
    }

    public List<Entry> entries() {
      return List.copyOf(entries);
    }

    /** The batch's folder once published. */
    public Path target() {
      return target;
    }

    /** Writes the index and publishes the batch (one rename); an empty batch is dropped. */
    public void publish() {
      if (entries.isEmpty()) {
        close();
        return;
      }
      StringBuilder index = new StringBuilder("letter_id,file,sha256,pages\n");
      for (Entry entry : entries) {
        index
            .append(entry.letterId())
            .append(',')
            .append(entry.file())
            .append(',')
            .append(entry.sha256())
            .append(',')
            .append(entry.pages())
            .append('\n');
      }
      try {
        Files.writeString(building.resolve(INDEX), index, StandardCharsets.UTF_8);
        try {
          Files.move(building, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(building, target);
        }
        closed = true;
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot publish a batch of letters", e);
      }
    }

    /** Drops an unpublished batch: its letters go again with the next attempt. */
    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      try (Stream<Path> files = Files.list(building)) {
        for (Path file : files.toList()) {
          Files.deleteIfExists(file);
        }
        Files.deleteIfExists(building);
      } catch (IOException e) {
        // A hidden folder left behind is never read by the print shop.
      }
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

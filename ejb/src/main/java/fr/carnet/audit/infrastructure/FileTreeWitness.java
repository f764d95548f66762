package fr.carnet.audit.infrastructure;

import fr.carnet.audit.model.TraceTree;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The witness outside the database: an append-only file, one JSON line per signed tree head ({@code
 * size}, {@code root} hex, {@code timestamp}, {@code signature} base64, {@code keyId}), forced to
 * disk after each line. Whoever rewrites the database cannot rewrite what was witnessed without
 * this file too; copy it elsewhere (another host, write-once storage) to keep it so.
 */
@ApplicationScoped
public class FileTreeWitness {

  @Inject
  @ConfigProperty(name = "carnet.audit.tree.witness-file")
  private Optional<String> configured;

  /** A line of the file: the head, or why the line could not be read. */
  public record Line(int number, TraceTree.SignedHead head, String unreadable) {}

  public Path file() {
    return Path.of(
        configured
            .filter(f -> !f.isBlank())
            .orElseGet(
                () ->
                    Path.of(
                            Optional.ofNullable(System.getProperty("com.sun.aas.instanceRoot"))
                                .orElse(System.getProperty("java.io.tmpdir")),
                            "tree-heads.jsonl")
                        .toString()));
  }

  public synchronized void append(TraceTree.SignedHead head) {
    Path file = file();
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      try (FileChannel channel =
          FileChannel.open(
              file,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.APPEND)) {
        ByteBuffer line = ByteBuffer.wrap((line(head) + "\n").getBytes(StandardCharsets.UTF_8));
        while (line.hasRemaining()) {
          channel.write(line);
        }
        channel.force(true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the tree head to the witness " + file, e);
    }
  }

  public static String line(TraceTree.SignedHead head) {
    return Json.createObjectBuilder()
        .add("size", head.size())
        .add("root", HexFormat.of().formatHex(head.root()))
        .add("timestamp", head.timestamp().toString())
        .add("signature", Base64.getEncoder().encodeToString(head.signature()))
        .add("keyId", head.keyId())
        .build()
        .toString();
  }

  /** Every line of the file, in order; none when there is no file yet. */
  public List<Line> read() {
    Path file = file();
    List<Line> lines = new ArrayList<>();
    if (!Files.exists(file)) {
      return lines;
    }
    try {
      int number = 0;
      for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        number++;
        if (text.isBlank()) {
          continue;
        }
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
          JsonObject json = reader.readObject();
          lines.add(
              new Line(
                  number,
                  new TraceTree.SignedHead(
                      json.getJsonNumber("size").longValueExact(),
                      HexFormat.of().parseHex(json.getString("root")),
                      Instant.parse(json.getString("timestamp")),
                      Base64.getDecoder().decode(json.getString("signature")),
                      json.getString("keyId")),
                  null));
        } catch (RuntimeException e) {
          lines.add(new Line(number, null, e.getClass().getSimpleName()));
        }
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the witness " + file, e);
    }
  }
}

package fr.carnet.audit.infrastructure;

import fr.carnet.audit.model.TraceTree;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
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
 *
 * <p>Line version 2: a head witnessed after another also carries {@code from} (the size of the head
 * witnessed before it) and {@code consistency} (hex, RFC 9162's proof from that size to this one),
 * so that the file alone proves that the tree only ever grew, without the database.
 */
@ApplicationScoped
public class FileTreeWitness {

  @Inject
  @ConfigProperty(name = "carnet.audit.tree.witness-file")
  private Optional<String> configured;

  /** How much of the file's end is read to find the last head witnessed (lines are ~300 bytes). */
  private static final int TAIL = 64 * 1024;

  /**
   * A line of the file: the head and, from line version 2, the size of the head witnessed before it
   * with the consistency proof from that size (null and empty on the first line and on version 1
   * lines); or why the line could not be read.
   */
  public record Line(
      int number,
      TraceTree.SignedHead head,
      Long from,
      List<byte[]> consistency,
      String unreadable) {

    public Line {
      consistency = consistency == null ? List.of() : List.copyOf(consistency);
    }

    public Line(int number, TraceTree.SignedHead head, String unreadable) {
      this(number, head, null, List.of(), unreadable);
    }
  }

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

  /** A head witnessed first, or after a head of no smaller size: no consistency proof. */
  public void append(TraceTree.SignedHead head) {
    append(head, null, List.of());
  }

  /**
   * Appends the head, with the consistency proof from the size {@code from} of the head witnessed
   * before it (null when none was).
   */
  public synchronized void append(TraceTree.SignedHead head, Long from, List<byte[]> consistency) {
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
        ByteBuffer line =
            ByteBuffer.wrap(
                (line(head, from, consistency) + "\n").getBytes(StandardCharsets.UTF_8));
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
    return line(head, null, List.of());
  }

  public static String line(TraceTree.SignedHead head, Long from, List<byte[]> consistency) {
    JsonObjectBuilder line =
        Json.createObjectBuilder()
            .add("size", head.size())
            .add("root", HexFormat.of().formatHex(head.root()))
            .add("timestamp", head.timestamp().toString())
            .add("signature", Base64.getEncoder().encodeToString(head.signature()))
            .add("keyId", head.keyId());
    if (from != null) {
      JsonArrayBuilder proof = Json.createArrayBuilder();
      consistency.forEach(hash -> proof.add(HexFormat.of().formatHex(hash)));
      line.add("from", from).add("consistency", proof);
    }
    return line.build().toString();
  }

  /**
   * The last head the file witnessed, read from its end only (the file grows by a line every few
   * seconds for years); empty when there is none, or when its last line cannot be read (a line torn
   * by a crash: the next head then carries no proof, which a verifier reports).
   */
  public synchronized Optional<TraceTree.SignedHead> lastHead() {
    Path file = file();
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long start = Math.max(0, channel.size() - TAIL);
      ByteBuffer tail = ByteBuffer.allocate((int) (channel.size() - start));
      while (tail.hasRemaining() && channel.read(tail, start + tail.position()) >= 0) {
        // until the end
      }
      String[] lines =
          new String(tail.array(), 0, tail.position(), StandardCharsets.UTF_8).split("\n");
      for (int i = lines.length - 1; i >= 0; i--) {
        if (!lines[i].isBlank()) {
          Line last = parse(0, lines[i]);
          return Optional.ofNullable(last.head());
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the witness " + file, e);
    }
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
        lines.add(parse(number, text));
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the witness " + file, e);
    }
  }

  private static Line parse(int number, String text) {
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      JsonObject json = reader.readObject();
      TraceTree.SignedHead head =
          new TraceTree.SignedHead(
              json.getJsonNumber("size").longValueExact(),
              HexFormat.of().parseHex(json.getString("root")),
              Instant.parse(json.getString("timestamp")),
              Base64.getDecoder().decode(json.getString("signature")),
              json.getString("keyId"));
      if (!json.containsKey("from")) {
        return new Line(number, head, null);
      }
      List<byte[]> consistency = new ArrayList<>();
      for (JsonString hash : json.getJsonArray("consistency").getValuesAs(JsonString.class)) {
        consistency.add(HexFormat.of().parseHex(hash.getString()));
      }
      return new Line(number, head, json.getJsonNumber("from").longValueExact(), consistency, null);
    } catch (RuntimeException e) {
      return new Line(number, null, e.getClass().getSimpleName());
    }
  }
}

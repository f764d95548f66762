package fr.carnet.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * The CPU samples ({@code jdk.ExecutionSample}) of a JFR recording, and those taken under given
 * methods: their share of all samples and where, under them, the time went.
 */
record Profile(
    long samples,
    long under,
    long truncated,
    Map<String, Long> innermostFrames,
    Map<String, Long> carnetFrames,
    Map<String, Long> layers) {

  /**
   * Reads the samples of {@code recording}; a sample is "under" when any frame of its stack is one
   * of {@code methods} ({@code Class.method}, the class by its full name).
   */
  static Profile read(Path recording, Set<String> methods) throws IOException {
    long samples = 0;
    long under = 0;
    long truncated = 0;
    Map<String, Long> innermost = new HashMap<>();
    Map<String, Long> carnet = new HashMap<>();
    Map<String, Long> layers = new HashMap<>();
    for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
      if (!event.getEventType().getName().equals("jdk.ExecutionSample")
          || event.getStackTrace() == null) {
        continue;
      }
      samples++;
      if (event.getStackTrace().isTruncated()) {
        truncated++;
      }
      List<RecordedFrame> frames = event.getStackTrace().getFrames();
      if (frames.stream().noneMatch(frame -> methods.contains(name(frame)))) {
        continue;
      }
      under++;
      String top = frames.isEmpty() ? "?" : name(frames.get(0));
      innermost.merge(top, 1L, Long::sum);
      layers.merge(layer(frames.isEmpty() ? "?" : type(frames.get(0))), 1L, Long::sum);
      frames.stream()
          .filter(frame -> type(frame).startsWith("fr.carnet."))
          .findFirst()
          .ifPresent(frame -> carnet.merge(name(frame), 1L, Long::sum));
    }
    return new Profile(
        samples, under, truncated, top(innermost, 12), top(carnet, 8), top(layers, 10));
  }

  double share() {
    return samples == 0 ? 0 : (double) under / samples;
  }

  /** A Markdown table of one breakdown, as shares of the samples under the methods. */
  String table(String title, Map<String, Long> counts) {
    StringBuilder md = new StringBuilder();
    md.append("| ").append(title).append(" | samples | share |\n|---|---|---|\n");
    counts.forEach(
        (frame, count) ->
            md.append("| `")
                .append(frame)
                .append("` | ")
                .append(count)
                .append(" | ")
                .append(String.format(Locale.ROOT, "%.1f %%", 100.0 * count / Math.max(1, under)))
                .append(" |\n"));
    return md.toString();
  }

  private static String type(RecordedFrame frame) {
    RecordedMethod method = frame.getMethod();
    return method == null || method.getType() == null ? "?" : method.getType().getName();
  }

  private static String name(RecordedFrame frame) {
    RecordedMethod method = frame.getMethod();
    return method == null ? "?" : type(frame) + "." + method.getName();
  }

  /** Where a frame's code comes from, by package: what the sequencer's time is spent in. */
  private static String layer(String type) {
    if (type.startsWith("org.postgresql.")) {
      return "PostgreSQL JDBC driver";
    }
    if (type.startsWith("sun.security.provider.") || type.startsWith("java.security.")) {
      return "SHA-256 and signatures (JDK)";
    }
    if (type.startsWith("sun.security.ec.") || type.contains("EdDSA")) {
      return "Ed25519 (JDK)";
    }
    if (type.startsWith("fr.carnet.")) {
      return "Carnet";
    }
    if (type.startsWith("com.sun.enterprise.")
        || type.startsWith("com.sun.gjc.")
        || type.startsWith("org.glassfish.")
        || type.startsWith("fish.payara.")
        || type.startsWith("com.sun.jts.")
        || type.startsWith("org.jboss.weld.")) {
      return "Payara (pool, JTA, EJB, CDI)";
    }
    if (type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.")) {
      return "JDK (other)";
    }
    return "other";
  }

  private static Map<String, Long> top(Map<String, Long> counts, int limit) {
    Map<String, Long> top = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(limit)
        .forEach(entry -> top.put(entry.getKey(), entry.getValue()));
    return top;
  }
}

package fr.carnet.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The default generator: Debian's wrk (C, one event loop per thread) with the bench's Lua script
 * ({@code wrk/carnet.lua}), light enough that on a machine whose cores it shares with the server,
 * the server is the limit. Each load is written as a Lua table (and its body template as a file)
 * that the script reads; the script's {@code done()} prints one line of counts and percentiles.
 */
final class WrkDriver implements LoadDriver {

  private static final Logger LOG = Logger.getLogger(WrkDriver.class.getName());

  private final String wrk;
  private final String version;
  private final String url;
  private final int clients;
  private final int threads;
  private final Path folder;
  private final Path script;

  private WrkDriver(String wrk, String version, String url, int clients, int threads, Path folder)
      throws IOException {
    this.wrk = wrk;
    this.version = version;
    this.url = url;
    this.clients = clients;
    this.threads = threads;
    this.folder = Files.createDirectories(folder);
    this.script = folder.resolve("carnet.lua");
    try (InputStream lua = WrkDriver.class.getResourceAsStream("/wrk/carnet.lua")) {
      Files.write(script, lua.readAllBytes());
    }
  }

  /**
   * wrk, once {@code ensureScript} (bench/ensure-wrk.sh) has found or installed it; empty, with
   * what the script said in {@code why}, when it cannot be had.
   */
  static Optional<WrkDriver> ensure(
      Path ensureScript,
      String wrk,
      String url,
      int clients,
      int threads,
      Path folder,
      StringBuilder why)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder("bash", ensureScript.toString(), wrk).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean present = process.waitFor(600, TimeUnit.SECONDS) && process.exitValue() == 0;
    LOG.info(output.strip());
    if (!present) {
      why.append(output.strip().lines().reduce((first, second) -> second).orElse("no wrk"));
      return Optional.empty();
    }
    String version =
        output
            .lines()
            .reduce((first, second) -> second)
            .orElse("wrk")
            .replaceFirst("^\\[wrk\\] (installed: )?", "")
            .replaceFirst(" Copyright.*", "");
    return Optional.of(
        new WrkDriver(wrk, version, url, clients, Math.min(threads, clients), folder));
  }

  @Override
  public String describe() {
    return version
        + ", "
        + threads
        + " threads, "
        + clients
        + " connections, Lua script `carnet.lua`";
  }

  /** wrk is a child of the bench's JVM: its CPU time is the JVM's reaped children's. */
  @Override
  public long generatorCpuNanos() {
    return ServerProcess.childrenCpuNanos(ProcessHandle.current().pid());
  }

  @Override
  public Measured run(LoadSpec spec, int seconds, String run) throws Exception {
    Path file = folder.resolve(run + ".lua");
    Files.writeString(file, table(spec, run));
    Process process =
        new ProcessBuilder(
                wrk,
                "-t" + threads,
                "-c" + clients,
                "-d" + seconds + "s",
                "--timeout",
                "30s",
                "-s",
                script.toString(),
                url,
                "--",
                file.toString(),
                run,
                String.valueOf(threads))
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(seconds + 120L, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException("wrk failed on " + spec.name() + ":\n" + output);
    }
    String line =
        output
            .lines()
            .filter(l -> l.startsWith("CARNET-WRK "))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("No figures from wrk:\n" + output));
    return parse(spec, line);
  }

  /** The script's one line: {@code CARNET-WRK requests=… duration_us=… … statuses=404:3}. */
  private Measured parse(LoadSpec spec, String line) {
    Map<String, String> values = new HashMap<>();
    for (String pair : line.substring("CARNET-WRK ".length()).split(" ")) {
      int equals = pair.indexOf('=');
      values.put(pair.substring(0, equals), pair.substring(equals + 1));
    }
    long unexpected =
        Long.parseLong(values.get(spec.largeResponses() ? "status_over_399" : "unexpected"));
    Map<String, Long> errors = new HashMap<>();
    for (String kind : List.of("connect", "read", "write", "timeout")) {
      long count = Long.parseLong(values.get(kind));
      if (count > 0) {
        errors.put(kind, count);
      }
    }
    long failures = unexpected + errors.values().stream().mapToLong(Long::longValue).sum();
    return new Measured(
        spec.name(),
        clients,
        Long.parseLong(values.get("requests")),
        failures,
        spec.largeResponses() && unexpected > 0
            ? "statuses above 399 × " + unexpected
            : failureDetail(values.get("statuses"), errors),
        Long.parseLong(values.get("duration_us")) / 1e6,
        Long.parseLong(values.get("p50_us")) / 1e3,
        Long.parseLong(values.get("p95_us")) / 1e3,
        Long.parseLong(values.get("p99_us")) / 1e3,
        Long.parseLong(values.get("bytes")),
        null);
  }

  /** "status 404 × 3, read errors × 2": the threads' status counts summed. */
  private static String failureDetail(String statuses, Map<String, Long> errors) {
    Map<String, Long> byStatus = new HashMap<>();
    if (statuses != null && !statuses.isEmpty()) {
      for (String entry : statuses.split(",")) {
        String[] parts = entry.split(":");
        byStatus.merge(parts[0], Long.parseLong(parts[1]), Long::sum);
      }
    }
    String detail =
        byStatus.entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(e -> "status " + e.getKey() + " × " + e.getValue())
            .collect(Collectors.joining(", "));
    String socket =
        errors.entrySet().stream()
            .map(e -> e.getKey() + " errors × " + e.getValue())
            .collect(Collectors.joining(", "));
    return detail.isEmpty() ? socket : socket.isEmpty() ? detail : detail + ", " + socket;
  }

  /** The load as the Lua table the script reads (its body template beside it, as bytes). */
  private String table(LoadSpec spec, String run) {
    StringBuilder lua = new StringBuilder("return {\n");
    lua.append("  method = ").append(quote(spec.method())).append(",\n");
    lua.append("  expect = ").append(spec.expected()).append(",\n");
    lua.append("  large_responses = ").append(spec.largeResponses()).append(",\n");
    lua.append("  headers = {");
    if (spec.token() != null) {
      lua.append(" [\"Authorization\"] = ").append(quote("Bearer " + spec.token())).append(",");
    }
    if (spec.contentType() != null) {
      lua.append(" [\"Content-Type\"] = ").append(quote(spec.contentType())).append(",");
    }
    lua.append(" },\n");
    lua.append("  paths = ").append(list(spec.paths())).append(",\n");
    lua.append("  nirs = ").append(list(spec.nirs())).append(",\n");
    // One Authorization header per path when each request has its own bearer (the patients').
    lua.append("  tokens = ")
        .append(list(spec.tokens().stream().map(t -> "Bearer " + t).toList()))
        .append(",\n");
    if (spec.body() != null) {
      Path body = folder.resolve(run + ".body");
      try {
        Files.write(body, spec.body());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      lua.append("  body = ").append(quote(body.toAbsolutePath().toString())).append(",\n");
    }
    return lua.append("}\n").toString();
  }

  private static String list(List<String> values) {
    return values.stream().map(WrkDriver::quote).collect(Collectors.joining(", ", "{ ", " }"));
  }

  /** A Lua string literal (tokens, paths and NIRs are plain ASCII; quotes escaped all the same). */
  private static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}

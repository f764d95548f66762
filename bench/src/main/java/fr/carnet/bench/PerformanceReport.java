package fr.carnet.bench;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The performance bench's Markdown report: the machine, the floors, each load beside both floors
 * and its target, the CPU shares and the server's memory, and how each figure is computed.
 *
 * @param specs the loads as they were asked for, in the order of {@code rows} (their targets)
 * @param exchanges the paragraph on the messaging and agenda loads' data, or empty when none ran
 */
record PerformanceReport(
    Machine machine,
    String loadAtStart,
    String loadAtEnd,
    String generator,
    int seconds,
    int warmUpSeconds,
    List<Measured> floors,
    LoadSpec.Target floorTarget,
    List<LoadSpec> specs,
    List<Measured> rows,
    long peakRssMiB,
    long rssTargetMiB,
    int messages,
    String exchanges,
    List<StatementProfile.Snapshot> statements) {

  String markdown() {
    Measured serverFloor = floors.get(0);
    Measured databaseFloor = floors.get(1);
    StringBuilder md = new StringBuilder();
    md.append("# Performance, ")
        .append(LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME))
        .append("\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "Machine: %d cores and %,d MiB, shared by the server, PostgreSQL and the load generator"
                + " (and whatever else runs there); load average %s at the start, %s at the end;"
                + " Linux %s. Server: %s, %s, JVM options `%s`; %s.\n\n",
            machine.cores(),
            machine.memoryMiB(),
            loadAtStart,
            loadAtEnd,
            machine.kernel(),
            machine.payara(),
            machine.serverJava(),
            machine.serverOptions(),
            machine.postgres()));
    md.append(
        String.format(
            Locale.ROOT,
            "Generator: %s. Each load: %d s unmeasured, then %d s measured, clients in a closed"
                + " loop; every layer on (policy, trace, notification outbox, the trail's tree)."
                + " %d open records with an email address (%,d notifications reached the bench's"
                + " SMTP server); pushes by a GP, searches and reads by another GP with a declared"
                + " agreement.\n\n",
            generator,
            warmUpSeconds,
            seconds,
            BenchRecords.PATIENTS,
            messages));
    md.append(exchanges);
    md.append("## Floors\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "- **Server: %,.0f req/s** (%s; target %s: %s).\n"
                + "- **Database: %,.0f transactions/s** (%s, %d connections, same PostgreSQL).\n\n",
            serverFloor.throughput(),
            serverFloor.name().replaceFirst("^floor: ", ""),
            floorTarget,
            met(floorTarget, serverFloor),
            databaseFloor.throughput(),
            databaseFloor.name().replaceFirst("^floor: ", ""),
            databaseFloor.clients()));
    md.append("## Loads\n\n");
    md.append(
        "| load | clients | requests | failures | req/s | p50 ms | p95 ms | p99 ms"
            + " | ÷ server floor | ÷ DB floor | CPU % server | CPU % PostgreSQL | CPU % generator"
            + " | server RSS MiB | target | met |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    List<Measured> all = new ArrayList<>(floors);
    all.addAll(rows);
    List<LoadSpec.Target> targets = new ArrayList<>();
    targets.add(floorTarget);
    targets.add(null);
    specs.forEach(spec -> targets.add(spec.target()));
    for (int i = 0; i < all.size(); i++) {
      Measured row = all.get(i);
      LoadSpec.Target target = targets.get(i);
      Measured.Usage usage = row.usage();
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %,d | %,d | %,.0f | %.1f | %.1f | %.1f | %.3f | %.3f | %.0f | %.0f"
                  + " | %.0f | %d | %s | %s |\n",
              row.name(),
              row.clients(),
              row.requests(),
              row.failures(),
              row.throughput(),
              row.p50Millis(),
              row.p95Millis(),
              row.p99Millis(),
              row.throughput() / serverFloor.throughput(),
              row.throughput() / databaseFloor.throughput(),
              usage.serverPercent(),
              usage.databasePercent(),
              usage.generatorPercent(),
              usage.serverRssMiB(),
              target == null ? "" : target.toString(),
              target == null ? "" : met(target, row)));
    }
    failures(md, all);
    md.append("\n## CPU per request\n\n");
    md.append(
        "CPU time over the load's window divided by its requests: what one request costs each"
            + " party, whatever the machine's other work left them; and what a response weighed"
            + " (headers included, as wrk counts it).\n\n");
    md.append(
        "| load | server JVM µs | PostgreSQL µs | generator µs | response KB |\n"
            + "|---|---|---|---|---|\n");
    for (Measured row : all) {
      double perRequest = 1e6 / 100 / row.throughput();
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %.0f | %.0f | %.0f | %s |\n",
              row.name(),
              row.usage().serverPercent() * perRequest,
              row.usage().databasePercent() * perRequest,
              row.usage().generatorPercent() * perRequest,
              row.responseBytes() < 0
                  ? ""
                  : String.format(
                      Locale.ROOT, "%.1f", row.responseBytes() / 1024.0 / row.requests())));
    }
    serverThreads(md, all);
    long underLoad = all.stream().mapToLong(r -> r.usage().serverRssMiB()).max().orElse(-1);
    md.append(
        String.format(
            Locale.ROOT,
            "\n## Memory\n\nServer JVM resident memory under load at most %d MiB (target < %d MiB:"
                + " %s); peak over the whole run (VmHWM, start-up and seeding included): %d MiB.\n",
            underLoad,
            rssTargetMiB,
            underLoad >= 0 && underLoad < rssTargetMiB ? "met" : "**not met**",
            peakRssMiB));
    StatementProfile.markdown(md, statements);
    md.append(
        "\n## How the figures are computed\n\n"
            + "- req/s: responses in the measured window ÷ its length; failures: any status but"
            + " the load's expected one (201 for a push, a message, a conversation started and an"
            + " appointment booked, 200 for FHIR's transaction and reads, 401 for the request"
            + " without a token) and socket errors, counted by the"
            + " generator (wrk's own error count takes only statuses above 399: the Lua script"
            + " compares each status with the expected one).\n"
            + "- Percentiles: wrk's latency histogram (every response, from the request's write"
            + " to the response's end), or the Java client's every latency kept.\n"
            + "- ÷ server floor, ÷ DB floor: the load's req/s divided by the floors measured"
            + " before it in the same run.\n"
            + "- CPU %: CPU time (user + system, /proc) over the load's wall time, as % of one"
            + " core (200 % is both cores of a 2-core machine). Server: the Payara JVM. PostgreSQL:"
            + " the postmaster, its live backends and those ended (added to it once reaped)."
            + " Generator: wrk's process (the bench JVM's reaped children), or the bench JVM"
            + " itself for the Java client and the JDBC floor.\n"
            + "- Server RSS: the Payara JVM's VmRSS, read every 250 ms during the load, the"
            + " highest.\n"
            + "- Met: the target's rate reached, its p99 (when it has one) under the bound, and"
            + " no failure.\n");
    return md.toString();
  }

  private static String met(LoadSpec.Target target, Measured row) {
    return target.met(row) ? "met" : "**not met**";
  }

  private static void failures(StringBuilder md, List<Measured> all) {
    List<Measured> failed = all.stream().filter(r -> r.failures() > 0).toList();
    if (failed.isEmpty()) {
      md.append("\nNo request failed.\n");
      return;
    }
    md.append("\nFailures:\n\n");
    for (Measured row : failed) {
      md.append("- ").append(row.name()).append(": ").append(row.failureDetail()).append('\n');
    }
  }

  /**
   * The server's CPU per request by thread: the request threads against what a profile of Java
   * frames does not show (the collector, the JIT, the network's selectors, the jobs).
   */
  private static void serverThreads(StringBuilder md, List<Measured> all) {
    md.append(
        "\n## The server's CPU per request, by thread\n\n"
            + "The Payara JVM's CPU over each load's window by thread name (digits taken out;"
            + " `http-thread-poo` is a request thread, `GC Thread#`, `G1 …` and `VM Thread` the"
            + " collector and its safepoints, `C2 CompilerThre` the JIT), in µs a request; a"
            + " thread below 2 % of the load's total is counted under other.\n\n"
            + "| load | µs per request by thread |\n|---|---|\n");
    for (Measured row : all) {
      if (row.usage().serverThreads().isEmpty()) {
        continue;
      }
      double perRequest = 1e6 / 100 / row.throughput();
      double total = row.usage().serverPercent();
      StringBuilder cells = new StringBuilder();
      double other = 0;
      List<Map.Entry<String, Double>> byShare =
          row.usage().serverThreads().entrySet().stream()
              .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
              .toList();
      for (Map.Entry<String, Double> thread : byShare) {
        if (thread.getValue() < 0.02 * total) {
          other += thread.getValue();
          continue;
        }
        cells.append(
            String.format(
                Locale.ROOT,
                "%s`%s` %.0f",
                cells.length() == 0 ? "" : ", ",
                thread.getKey(),
                thread.getValue() * perRequest));
      }
      cells.append(String.format(Locale.ROOT, ", other %.0f", other * perRequest));
      md.append("| ").append(row.name()).append(" | ").append(cells).append(" |\n");
    }
  }
}

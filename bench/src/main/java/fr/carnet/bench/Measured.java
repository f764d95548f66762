package fr.carnet.bench;

/**
 * What one load measured: its counts and latencies from the generator's side, then (once the bench
 * adds them) the CPU shares and the server's memory over the same window.
 *
 * @param failures responses with another status than the load's expected one, and socket errors
 * @param failureDetail the statuses and errors behind the failures, or empty
 * @param responseBytes what the responses weighed in all, headers included (-1: not counted)
 * @param usage null until the bench adds it
 */
record Measured(
    String name,
    int clients,
    long requests,
    long failures,
    String failureDetail,
    double seconds,
    double p50Millis,
    double p95Millis,
    double p99Millis,
    long responseBytes,
    Usage usage) {

  double throughput() {
    return requests / seconds;
  }

  Measured with(Usage measuredUsage) {
    return new Measured(
        name,
        clients,
        requests,
        failures,
        failureDetail,
        seconds,
        p50Millis,
        p95Millis,
        p99Millis,
        responseBytes,
        measuredUsage);
  }

  /** A run of the Java client, whose latencies are all kept. */
  static Measured of(Load.Result result) {
    return new Measured(
        result.name(),
        result.clients(),
        result.requests(),
        result.failures(),
        result.failures() == 0 ? "" : result.failures() + " unexpected",
        result.seconds(),
        result.percentileMillis(50),
        result.percentileMillis(95),
        result.percentileMillis(99),
        -1,
        null);
  }

  /**
   * CPU time over the load's wall time, each as % of one core (200 % is both cores of this
   * machine), and the server JVM's resident memory at most while it ran.
   *
   * @param serverThreads the server's CPU by thread name, digits taken out ("GC Thread#"), as % of
   *     one core over the same window: the request threads, the collector, the JIT, the jobs
   */
  record Usage(
      double serverPercent,
      double databasePercent,
      double generatorPercent,
      long serverRssMiB,
      java.util.Map<String, Double> serverThreads) {}
}

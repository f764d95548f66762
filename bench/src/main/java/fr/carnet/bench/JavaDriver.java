package fr.carnet.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fallback generator: the bench's Java HTTP client ({@link Load}), {@code clients} threads in a
 * closed loop for a given time. It runs in the bench's JVM, so its CPU is that JVM's own (with the
 * bench's mail server, idle but for the notifications).
 */
final class JavaDriver implements LoadDriver {

  private final String baseUrl;
  private final int clients;
  private final String why;

  /**
   * @param why why the Java client and not wrk, for the report
   */
  JavaDriver(String baseUrl, int clients, String why) {
    this.baseUrl = baseUrl;
    this.clients = clients;
    this.why = why;
  }

  @Override
  public String describe() {
    return "the bench's Java client (java.net.http, "
        + clients
        + " threads in the bench's JVM, sharing the cores with the server): "
        + why;
  }

  @Override
  public long generatorCpuNanos() {
    return ServerProcess.cpuNanos(ProcessHandle.current().pid());
  }

  @Override
  public Measured run(LoadSpec spec, int seconds, String run) throws Exception {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    AtomicLong failures = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<long[]>> workers = new ArrayList<>();
    long begin = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      int client = c;
      workers.add(pool.submit(() -> client(spec, run, client, deadline, failures)));
    }
    List<long[]> all = new ArrayList<>();
    for (Future<long[]> worker : workers) {
      all.add(worker.get());
    }
    double elapsed = (System.nanoTime() - begin) / 1e9;
    pool.shutdown();
    long[] latencies = all.stream().flatMapToLong(Arrays::stream).toArray();
    return Measured.of(
        new Load.Result(
            spec.name(), clients, latencies.length, (int) failures.get(), elapsed, latencies));
  }

  /** One client's requests until the deadline: their latencies, in nanoseconds. */
  private long[] client(LoadSpec spec, String run, int client, long deadline, AtomicLong failures) {
    long[] latencies = new long[1024];
    int n = 0;
    while (System.nanoTime() < deadline) {
      // As wrk's script does: request i of this client goes to record (i * clients + client).
      int index = n * clients + client;
      HttpRequest request = request(spec, index, run + "-" + client + "-" + n);
      long start = System.nanoTime();
      int status;
      try {
        status = Load.status(request);
      } catch (Exception e) {
        status = -1;
      }
      if (n == latencies.length) {
        latencies = Arrays.copyOf(latencies, n * 2);
      }
      latencies[n++] = System.nanoTime() - start;
      if (status != spec.expected()) {
        failures.incrementAndGet();
      }
    }
    return Arrays.copyOf(latencies, n);
  }

  private HttpRequest request(LoadSpec spec, int index, String id) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(baseUrl + spec.paths().get(index % spec.paths().size())))
            .timeout(Duration.ofSeconds(30));
    String token = spec.tokenAt(index);
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    if (spec.body() == null) {
      return builder.GET().build();
    }
    String nir = spec.nirs().isEmpty() ? "" : spec.nirs().get(index % spec.nirs().size());
    return builder
        .header("Content-Type", spec.contentType())
        .method(spec.method(), HttpRequest.BodyPublishers.ofByteArray(spec.render(id, nir)))
        .build();
  }
}

package fr.carnet.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Closed-loop load: {@code clients} threads each send one request after the other until {@code
 * requests} were sent in all; every latency is kept, so percentiles are exact.
 */
final class Load {

  record Result(
      String name, int clients, int requests, int failures, double seconds, long[] latenciesNanos) {

    double throughput() {
      return requests / seconds;
    }

    double percentileMillis(double percentile) {
      long[] sorted = latenciesNanos.clone();
      Arrays.sort(sorted);
      int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
      return sorted[Math.max(0, index)] / 1_000_000.0;
    }

    String row() {
      return String.format(
          Locale.ROOT,
          "| %s | %d | %d | %d | %.0f | %.1f | %.1f | %.1f |",
          name,
          clients,
          requests,
          failures,
          throughput(),
          percentileMillis(50),
          percentileMillis(95),
          percentileMillis(99));
    }
  }

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          // Daemon threads: the benchmark's JVM (Maven's) ends when the benchmark does.
          .executor(
              Executors.newFixedThreadPool(
                  4,
                  task -> {
                    Thread thread = new Thread(task, "bench-http");
                    thread.setDaemon(true);
                    return thread;
                  }))
          .build();

  private Load() {}

  static HttpResponse<String> send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Sends one request of a load: its status, the body read and dropped. */
  static int status(HttpRequest request) throws IOException, InterruptedException {
    return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  static HttpRequest.Builder to(String url, String token) {
    return HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token);
  }

  static Result run(
      String name, int clients, int requests, int expectedStatus, IntFunction<HttpRequest> step)
      throws Exception {
    long[] latencies = new long[requests];
    AtomicLong next = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<?>> workers = new ArrayList<>();
    long begin = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      workers.add(
          pool.submit(
              () -> {
                for (int i = (int) next.getAndIncrement();
                    i < requests;
                    i = (int) next.getAndIncrement()) {
                  HttpRequest request = step.apply(i);
                  long start = System.nanoTime();
                  HttpResponse<byte[]> response;
                  try {
                    response = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
                  } catch (Exception e) {
                    failures.incrementAndGet();
                    latencies[i] = System.nanoTime() - start;
                    continue;
                  }
                  latencies[i] = System.nanoTime() - start;
                  if (response.statusCode() != expectedStatus) {
                    failures.incrementAndGet();
                  }
                }
                return null;
              }));
    }
    for (Future<?> worker : workers) {
      worker.get();
    }
    double seconds = (System.nanoTime() - begin) / 1e9;
    pool.shutdown();
    return new Result(name, clients, requests, (int) failures.get(), seconds, latencies);
  }
}

package fr.carnet.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The CPU shares of a load's three parties over its wall time (the Payara JVM, PostgreSQL's
 * postmaster with all its backends, the load generator) and the server's resident memory, sampled
 * while the load runs: on a machine whose cores the three share, a generator eating them is seen.
 */
final class UsageMeter {

  /** How often the server's resident memory is read during a load. */
  private static final long RSS_SAMPLE_MILLIS = 250;

  private final long serverPid;
  private final ProcessHandle postmaster;

  UsageMeter(long serverPid, ProcessHandle postmaster) {
    this.serverPid = serverPid;
    this.postmaster = postmaster;
  }

  long serverPid() {
    return serverPid;
  }

  /**
   * Starts a window; {@code generator} is the generator's CPU time so far (the bench JVM's own for
   * its Java client and JDBC floor, its reaped children's for wrk).
   */
  Window start(LongSupplier generator) {
    return new Window(generator);
  }

  final class Window {
    private final LongSupplier generator;
    private final long begin = System.nanoTime();
    private final long server0 = ServerProcess.cpuNanos(serverPid);
    private final java.util.Map<String, Long> threads0 =
        ServerProcess.threadGroupsCpuNanos(serverPid);
    private final long database0 = ServerProcess.treeCpuNanos(postmaster);
    private final long generator0;
    private final AtomicLong maxRss = new AtomicLong(-1);
    private final Thread sampler;

    private Window(LongSupplier generator) {
      this.generator = generator;
      this.generator0 = generator.getAsLong();
      sampler =
          new Thread(
              () -> {
                while (!Thread.currentThread().isInterrupted()) {
                  maxRss.accumulateAndGet(ServerProcess.memoryMiB(serverPid, "VmRSS"), Math::max);
                  try {
                    Thread.sleep(RSS_SAMPLE_MILLIS);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "bench-rss");
      sampler.setDaemon(true);
      sampler.start();
    }

    Measured.Usage stop() throws InterruptedException {
      double wall = System.nanoTime() - begin;
      long server = ServerProcess.cpuNanos(serverPid) - server0;
      java.util.Map<String, Double> threads = new java.util.TreeMap<>();
      ServerProcess.threadGroupsCpuNanos(serverPid)
          .forEach(
              (name, nanos) -> {
                // A thread started during the window counts from zero; one ended in it is lost.
                long spent = nanos - threads0.getOrDefault(name, 0L);
                if (spent > 0) {
                  threads.put(name, 100 * spent / wall);
                }
              });
      long database = ServerProcess.treeCpuNanos(postmaster) - database0;
      long load = generator.getAsLong() - generator0;
      sampler.interrupt();
      sampler.join();
      maxRss.accumulateAndGet(ServerProcess.memoryMiB(serverPid, "VmRSS"), Math::max);
      return new Measured.Usage(
          100 * server / wall, 100 * database / wall, 100 * load / wall, maxRss.get(), threads);
    }
  }
}

package fr.carnet.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The processes a benchmark measures: the Payara server JVM (its CPU time, a JFR recording) and the
 * PostgreSQL server behind it (the CPU time of the postmaster and all its backends).
 */
final class ServerProcess {

  /** Clock ticks per second of /proc's times (USER_HZ, 100 on Linux). */
  private static final long TICKS_PER_SECOND = 100;

  private ServerProcess() {}

  /** The Payara server JVM of the benchmark on this HTTP port, found by its command line. */
  static Optional<ProcessHandle> server(int port) {
    return ProcessHandle.allProcesses()
        .filter(
            p ->
                p.info()
                    .commandLine()
                    .map(c -> c.contains("ASMain") && c.contains("bench-" + port))
                    .orElse(false))
        .findFirst();
  }

  /** The postmaster of the database this connection talks to: the parent of its backend. */
  static ProcessHandle postmaster(Connection connection) throws SQLException {
    try (Statement sql = connection.createStatement();
        ResultSet row = sql.executeQuery("select pg_backend_pid()")) {
      row.next();
      long backend = row.getLong(1);
      return ProcessHandle.of(backend)
          .flatMap(ProcessHandle::parent)
          .orElseThrow(() -> new IllegalStateException("No postmaster above backend " + backend));
    }
  }

  /** The CPU time (user + system) one process spent so far, in nanoseconds. */
  static long cpuNanos(long pid) {
    long[] times = times(pid);
    return (times[0] + times[1]) * (1_000_000_000 / TICKS_PER_SECOND);
  }

  /**
   * The CPU time so far of the process's ended children, once it has waited for them (cutime and
   * cstime): for the bench's own JVM, that of each wrk it ran and reaped.
   */
  static long childrenCpuNanos(long pid) {
    long[] times = times(pid);
    return (times[2] + times[3]) * (1_000_000_000 / TICKS_PER_SECOND);
  }

  /** A memory figure of /proc/pid/status ({@code VmRSS}, {@code VmHWM}) in MiB; -1 if none. */
  static long memoryMiB(long pid, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
      }
    } catch (IOException e) {
      // The process is gone.
    }
    return -1;
  }

  /**
   * The CPU time so far of the process's threads whose name starts with {@code prefix} (as the
   * kernel keeps it: its first 15 characters), in nanoseconds.
   */
  static long threadsCpuNanos(long pid, String prefix) {
    long ticks = 0;
    try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
      for (Path task : tasks.toList()) {
        String name;
        try {
          name = Files.readString(task.resolve("comm")).strip();
        } catch (IOException e) {
          continue;
        }
        if (name.startsWith(prefix)) {
          long[] times = times(task.resolve("stat"));
          ticks += times[0] + times[1];
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ticks * (1_000_000_000 / TICKS_PER_SECOND);
  }

  /**
   * The CPU time so far of a process's threads, in nanoseconds, summed by thread name with its
   * digits taken out ("GC Thread#0" and "GC Thread#1" together): where the JVM's time goes beside
   * what a profile of Java frames shows (the collector, the JIT compilers).
   */
  static java.util.Map<String, Long> threadGroupsCpuNanos(long pid) {
    java.util.Map<String, Long> groups = new java.util.TreeMap<>();
    try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
      for (Path task : tasks.toList()) {
        String name;
        try {
          name = Files.readString(task.resolve("comm")).strip().replaceAll("[0-9]+", "#");
        } catch (IOException e) {
          continue;
        }
        long[] times = times(task.resolve("stat"));
        groups.merge(name, (times[0] + times[1]) * (1_000_000_000 / TICKS_PER_SECOND), Long::sum);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return groups;
  }

  /**
   * The CPU time of a PostgreSQL server so far: the postmaster's own, its ended backends' (which
   * the kernel adds to the parent once they are reaped) and its live backends'.
   */
  static long treeCpuNanos(ProcessHandle postmaster) {
    long[] own = times(postmaster.pid());
    long ticks = own[0] + own[1] + own[2] + own[3];
    for (ProcessHandle child : postmaster.children().toList()) {
      long[] times = times(child.pid());
      ticks += times[0] + times[1];
    }
    return ticks * (1_000_000_000 / TICKS_PER_SECOND);
  }

  /** utime, stime, cutime, cstime of /proc/pid/stat; zeros once the process is gone. */
  private static long[] times(long pid) {
    return times(Path.of("/proc", String.valueOf(pid), "stat"));
  }

  /** The times of one /proc stat file (a process's, or a thread's under task/). */
  private static long[] times(Path file) {
    String stat;
    try {
      stat = Files.readString(file);
    } catch (IOException e) {
      return new long[4];
    }
    // The command name may hold spaces: the fields are counted after its closing parenthesis.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // Fields 14 to 17 of proc(5), the first after the name being field 3.
    return new long[] {
      Long.parseLong(fields[11]),
      Long.parseLong(fields[12]),
      Long.parseLong(fields[13]),
      Long.parseLong(fields[14])
    };
  }

  /** A JFR recording of the server JVM with the JDK's {@code profile} settings, via jcmd. */
  static final class Recording {
    private final ProcessHandle jvm;
    private final String name;

    private Recording(ProcessHandle jvm, String name) {
      this.jvm = jvm;
      this.name = name;
    }

    static Recording start(ProcessHandle jvm, String name) {
      jcmd(jvm, "JFR.start", "name=" + name, "settings=profile");
      return new Recording(jvm, name);
    }

    /** Dumps the recording to {@code file} and stops it. */
    Path stop(Path file) {
      jcmd(jvm, "JFR.dump", "name=" + name, "filename=" + file.toAbsolutePath());
      jcmd(jvm, "JFR.stop", "name=" + name);
      return file;
    }
  }

  private static void jcmd(ProcessHandle jvm, String... arguments) {
    // The server's own JDK's jcmd, beside its java.
    Path java = Path.of(jvm.info().command().orElseThrow());
    List<String> command = new ArrayList<>();
    command.add(java.resolveSibling("jcmd").toString());
    command.add(String.valueOf(jvm.pid()));
    command.addAll(List.of(arguments));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("jcmd " + String.join(" ", arguments) + ": " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

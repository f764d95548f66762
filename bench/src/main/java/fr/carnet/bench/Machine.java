package fr.carnet.bench;

import fr.carnet.devserver.DevServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * What the figures were measured on: the machine (cores, memory, how busy it was), the server's JDK
 * and options, Payara's and PostgreSQL's versions and the database's durability settings.
 */
record Machine(
    int cores,
    long memoryMiB,
    String kernel,
    String serverJava,
    String serverOptions,
    String payara,
    String postgres) {

  /** The load average of /proc/loadavg (1, 5 and 15 minutes), as the shell's uptime shows it. */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + ", " + fields[1] + ", " + fields[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  static Machine of(DevServer server, ProcessHandle serverJvm, Path payaraHome)
      throws SQLException {
    return new Machine(
        Runtime.getRuntime().availableProcessors(),
        totalMemoryMiB(),
        read(Path.of("/proc/sys/kernel/osrelease")),
        javaVersion(serverJvm),
        // From /proc: the JDK's ProcessHandle.Info cuts a long command line (Payara's) at 4 KiB.
        Arrays.stream(
                read(Path.of("/proc", String.valueOf(serverJvm.pid()), "cmdline")).split("\0"))
            .filter(a -> a.startsWith("-Xm") || a.matches("-XX:[+]Use\\w+GC"))
            .collect(Collectors.joining(" ")),
        payara(payaraHome),
        postgres(server));
  }

  private static long totalMemoryMiB() {
    try {
      return Files.readAllLines(Path.of("/proc/meminfo")).stream()
              .filter(l -> l.startsWith("MemTotal:"))
              .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")))
              .findFirst()
              .orElse(0)
          / 1024;
    } catch (IOException e) {
      return 0;
    }
  }

  /** The first line of the server JVM's own {@code java -version}. */
  private static String javaVersion(ProcessHandle jvm) {
    String java = jvm.info().command().orElse("java");
    try {
      Process process = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
      try (InputStream output = process.getInputStream()) {
        String text = new String(output.readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        return text.lines().findFirst().orElse(java).replace("\"", "");
      }
    } catch (IOException e) {
      return java;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return java;
    }
  }

  private static String payara(Path home) {
    Path branding = home.resolve("glassfish/config/branding/glassfish-version.properties");
    Properties version = new Properties();
    try (InputStream in = Files.newInputStream(branding)) {
      version.load(in);
    } catch (IOException e) {
      return "Payara Server (version unknown)";
    }
    return version.getProperty("product_name", "Payara Server")
        + " "
        + version.getProperty("major_version")
        + "."
        + version.getProperty("minor_version")
        + "."
        + version.getProperty("update_version");
  }

  /** The version and the settings that decide a commit's cost (durability stays on). */
  private static String postgres(DevServer server) throws SQLException {
    try (Connection superuser = server.database().superuserConnection();
        Statement sql = superuser.createStatement();
        ResultSet row =
            sql.executeQuery(
                "select current_setting('server_version'), current_setting('fsync'),"
                    + " current_setting('synchronous_commit'), current_setting('shared_buffers'),"
                    + " current_setting('max_connections')")) {
      row.next();
      return "PostgreSQL "
          + row.getString(1)
          + " (embedded, fresh database; fsync "
          + row.getString(2)
          + ", synchronous_commit "
          + row.getString(3)
          + ", shared_buffers "
          + row.getString(4)
          + ", max_connections "
          + row.getString(5)
          + ")";
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      return "unknown";
    }
  }
}

package fr.carnet.bench;

import fr.carnet.devserver.DevServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.logging.Logger;

/** What every benchmark does alike: start Carnet on a fresh database, write its report. */
final class BenchRun {

  private static final Logger LOG = Logger.getLogger(BenchRun.class.getName());
  static final int PORT = Integer.getInteger("bench.port", 28080);

  private BenchRun() {}

  static Path work() {
    return Path.of(System.getProperty("bench.work", "target/work"));
  }

  /** The EAR on Payara Server with a fresh embedded PostgreSQL, with these settings. */
  static DevServer startServer(Map<String, String> settings) {
    return DevServer.start(
        Path.of(System.getProperty("payara.home")),
        "bench-" + PORT,
        Path.of(System.getProperty("carnet.ear")),
        work(),
        PORT,
        0,
        false,
        settings,
        true);
  }

  /** A valid NIR from its first thirteen digits: the key is 97 minus the number modulo 97. */
  static String nir(String thirteen) {
    return thirteen
        + String.format(
            "%02d",
            97
                - new java.math.BigInteger(thirteen)
                    .mod(java.math.BigInteger.valueOf(97))
                    .intValue());
  }

  /** A woman born in Paris in May 1985, her record open, and an email address if one is given. */
  static String openRecord(String nir, String email) {
    return "{\"ins\":{\"number\":\""
        + nir
        + "\",\"oid\":\"1.2.250.1.213.1.4.8\"},\"traits\":{\"birthName\":\"DUPONT\","
        + "\"firstNames\":\"MARIE\",\"birthDate\":\"1985-05-12\",\"sex\":\"F\","
        + "\"birthPlace\":\"75056\"},"
        + (email == null ? "" : "\"contact\":{\"email\":\"" + email + "\"},")
        + "\"open\":true}";
  }

  /** Writes {@code <name>-<time>.md} and {@code <name>-latest.md} to the results folder. */
  static void report(String name, CharSequence markdown) throws IOException {
    Path folder = Path.of(System.getProperty("bench.results", "results"));
    Files.createDirectories(folder);
    Path file =
        folder.resolve(
            name
                + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                + ".md");
    Files.writeString(file, markdown);
    Files.writeString(folder.resolve(name + "-latest.md"), markdown);
    LOG.info("\n" + markdown + "\nWritten to " + file);
  }
}

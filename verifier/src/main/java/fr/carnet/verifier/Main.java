package fr.carnet.verifier;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The command line. Through Maven: {@code ./mvnw -q -pl verifier compile exec:java -Dheads=…
 * -Dkey=… [-Dexport=…] [-Dretention=P3Y] [-Dtolerance=PT10M]}; as a jar: {@code java -jar
 * carnet-verifier.jar --heads … --key … [--export …] [--retention …] [--tolerance …]}. Prints one
 * line per finding, then a summary; exits 0 when everything verifies, 1 when something does not, 2
 * when it cannot start (no heads file, an unreadable key, a bad option).
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    // A command-line tool, not the server: its findings are its output, for the person who runs
    // it, on standard output (errors on standard error). It reads heads and trace fields only; a
    // trace holds no NIR, so none can be printed.
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    Map<String, String> given;
    try {
      given = options(args);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println(usage());
      return 2;
    }
    if (given.get("heads") == null || given.get("key") == null) {
      err.println(usage());
      return 2;
    }
    try {
      Path export = Verifier.path(given.get("export"));
      Report report =
          Verifier.verify(
              Verifier.path(given.get("heads")),
              given.get("key"),
              export,
              Options.of(given.get("retention"), given.get("tolerance")));
      report.lines().forEach(out::println);
      return report.verified() ? 0 : 1;
    } catch (RuntimeException e) {
      err.println("Cannot verify: " + e.getMessage());
      return 2;
    }
  }

  /** {@code --name value} arguments, over the {@code -Dname=value} system properties. */
  private static Map<String, String> options(String[] args) {
    Map<String, String> given = new HashMap<>();
    for (String name : new String[] {"heads", "key", "export", "retention", "tolerance"}) {
      String value = System.getProperty(name);
      if (value != null && !value.isBlank()) {
        given.put(name, value);
      }
    }
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("Unexpected argument: " + arg);
      }
      String name = arg.substring(2);
      if (!isKnown(name)) {
        throw new IllegalArgumentException("Unknown option: " + arg);
      }
      given.put(name, args[++i]);
    }
    return given;
  }

  private static boolean isKnown(String name) {
    return switch (name) {
      case "heads", "key", "export", "retention", "tolerance" -> true;
      default -> false;
    };
  }

  static String usage() {
    return """
        usage: java -jar carnet-verifier.jar --heads <tree-heads.jsonl> --key <key> \
        [--export <history export JSON | trail export NDJSON>] [--retention P3Y] [--tolerance PT10M]
               ./mvnw -q -pl verifier compile exec:java -Dheads=… -Dkey=… [-Dexport=…] \
        [-Dretention=…] [-Dtolerance=…]
        <key>: a PEM file (PUBLIC KEY), a file holding the JSON of GET /api/v1/audit/tree-heads/key, \
        or the key's base64 X.509 text
        exit status: 0 verified, 1 a problem found, 2 nothing could be verified""";
  }
}

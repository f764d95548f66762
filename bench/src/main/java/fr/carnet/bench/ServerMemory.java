package fr.carnet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** What the server JVM of a benchmark used. */
final class ServerMemory {

  private ServerMemory() {}

  /** The Payara server JVM's peak resident memory (VmHWM), in MiB. */
  static Optional<Long> peakRss(int port) throws IOException {
    Optional<ProcessHandle> server =
        ProcessHandle.allProcesses()
            .filter(
                p ->
                    p.info()
                        .commandLine()
                        .map(c -> c.contains("ASMain") && c.contains("bench-" + port))
                        .orElse(false))
            .findFirst();
    if (server.isEmpty()) {
      return Optional.empty();
    }
    for (String line :
        Files.readAllLines(Path.of("/proc", String.valueOf(server.get().pid()), "status"))) {
      if (line.startsWith("VmHWM:")) {
        return Optional.of(Long.parseLong(line.replaceAll("\\D", "")) / 1024);
      }
    }
    return Optional.empty();
  }
}

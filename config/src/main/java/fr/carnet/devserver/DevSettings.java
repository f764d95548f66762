package fr.carnet.devserver;

import java.nio.file.Path;

/**
 * The dev launcher's settings, each from a system property or an environment variable.
 *
 * @param devFolder where the embedded database's data and the dev keys live between runs
 * @param httpPort the HTTP port of Carnet
 * @param databasePort the embedded PostgreSQL port (ignored when {@code DB_URL} is set)
 */
public record DevSettings(Path devFolder, int httpPort, int databasePort) {

  public static DevSettings fromEnvironment() {
    return new DevSettings(
        Path.of(
                setting(
                    "carnet.dev.dir",
                    "CARNET_DEV_DIR",
                    Path.of(System.getProperty("carnet.project.dir", "."), ".carnet-dev")
                        .toString()))
            .toAbsolutePath()
            .normalize(),
        Integer.parseInt(setting("carnet.http.port", "CARNET_HTTP_PORT", "8080")),
        Integer.parseInt(setting("carnet.db.port", "CARNET_DB_PORT", "15432")));
  }

  public Path keysFolder() {
    return devFolder.resolve("keys");
  }

  public Path databaseFolder() {
    return devFolder.resolve("pgdata");
  }

  static String setting(String property, String variable, String fallback) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      value = System.getenv(variable);
    }
    return value == null || value.isBlank() ? fallback : value;
  }
}

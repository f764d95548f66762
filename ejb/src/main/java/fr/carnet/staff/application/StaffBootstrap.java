package fr.carnet.staff.application;

import fr.carnet.security.Role;
import fr.carnet.staff.model.StaffAccount;
import fr.carnet.staff.model.StaffAccountRepository;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Gives an empty installation its first administrator, so that the console can be reached at all.
 * The password comes from {@code CARNET_ADMIN_PASSWORD}, or is drawn at random and written once to
 * a file that only the server's user may read ({@code rw-------}); the log says where, never what.
 * Either way the account must choose its own password at its first login.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
public class StaffBootstrap {

  private static final Logger LOG = Logger.getLogger(StaffBootstrap.class.getName());
  static final String FIRST_ADMIN = "admin";
  static final String FILE_NAME = "carnet-admin-password";

  @Inject private StaffAccountRepository accounts;
  @Inject private StaffPasswords passwords;
  @Inject private Clock clock;

  @Inject
  @ConfigProperty(name = "carnet.admin.password")
  private Optional<String> configuredPassword;

  @Inject
  @ConfigProperty(name = "carnet.admin.password-file")
  private Optional<String> passwordFile;

  @PostConstruct
  void createFirstAdministrator() {
    if (accounts.count() > 0) {
      return;
    }
    Optional<String> configured = configuredPassword.filter(p -> !p.isBlank());
    String password = configured.orElseGet(StaffBootstrap::random);
    Path file = null;
    if (configured.isEmpty()) {
      file =
          passwordFile.filter(p -> !p.isBlank()).map(Path::of).orElseGet(StaffBootstrap::inDomain);
      writeOwnerOnly(file, password);
    }
    StaffAccount admin =
        new StaffAccount(
            FIRST_ADMIN, passwords.hash(password), Set.of(Role.ADMIN), clock.instant());
    admin.requirePasswordChange();
    accounts.store(admin);
    if (file == null) {
      LOG.warning(
          "Console account 'admin' created with the password of CARNET_ADMIN_PASSWORD;"
              + " it must be changed at the first login");
    } else {
      LOG.warning(
          "Console account 'admin' created; its one-time password is in "
              + file.toAbsolutePath()
              + " (readable by the server's user only); it must be changed at the first login,"
              + " then delete the file");
    }
  }

  /** The domain's config folder, beside its other secrets; the temporary folder outside Payara. */
  private static Path inDomain() {
    String domain = System.getProperty("com.sun.aas.instanceRoot");
    return domain == null
        ? Path.of(System.getProperty("java.io.tmpdir"), FILE_NAME)
        : Path.of(domain, "config", FILE_NAME);
  }

  /** Writes the password to a new file made {@code rw-------} before anything is written to it. */
  static void writeOwnerOnly(Path file, String password) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.deleteIfExists(file);
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(file);
        file.toFile().setReadable(false, false);
        file.toFile().setReadable(true, true);
        file.toFile().setWritable(false, false);
        file.toFile().setWritable(true, true);
      }
      Files.writeString(file, password + System.lineSeparator(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      // No file, no way in: better no account (the next start tries again) than a lost password.
      throw new UncheckedIOException(
          "Cannot write the first administrator's password file " + file.toAbsolutePath(), e);
    }
  }

  private static String random() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}

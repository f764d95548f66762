package fr.carnet.staff.application;

import fr.carnet.security.Role;
import fr.carnet.staff.model.StaffAccount;
import fr.carnet.staff.model.StaffAccountRepository;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Gives an empty installation its first administrator, so that the console can be reached at all.
 * The password comes from {@code CARNET_ADMIN_PASSWORD}, or is drawn at random and logged once.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigration")
public class StaffBootstrap {

  private static final Logger LOG = Logger.getLogger(StaffBootstrap.class.getName());
  static final String FIRST_ADMIN = "admin";

  @Inject private StaffAccountRepository accounts;
  @Inject private StaffPasswords passwords;
  @Inject private Clock clock;

  @Inject
  @ConfigProperty(name = "carnet.admin.password")
  private Optional<String> configuredPassword;

  @PostConstruct
  void createFirstAdministrator() {
    if (accounts.count() > 0) {
      return;
    }
    String password =
        configuredPassword.filter(p -> !p.isBlank()).orElseGet(StaffBootstrap::random);
    accounts.store(
        new StaffAccount(
            FIRST_ADMIN, passwords.hash(password), Set.of(Role.ADMIN), clock.instant()));
    if (configuredPassword.filter(p -> !p.isBlank()).isPresent()) {
      LOG.warning("Console account 'admin' created with the password of CARNET_ADMIN_PASSWORD");
    } else {
      // Shown once, on the very first start: the operator must change it.
      LOG.warning("Console account 'admin' created with the one-time password: " + password);
    }
  }

  private static String random() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}

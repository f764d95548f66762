package fr.carnet.staff.application;

import fr.carnet.security.Role;
import fr.carnet.staff.model.StaffAccount;
import fr.carnet.staff.model.StaffAccountRepository;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Console accounts: checking a password at login. */
@Stateless
public class StaffAccountService {

  @Inject private StaffAccountRepository accounts;
  @Inject private StaffPasswords passwords;

  /**
   * The roles of an enabled account whose password matches, or nothing. An unknown name costs the
   * same hash as a known one, so that timing does not tell which names exist.
   */
  public Optional<Set<Role>> verify(String username, char[] password) {
    Optional<StaffAccount> account =
        accounts.findByUsername(username).filter(StaffAccount::enabled);
    boolean matches =
        passwords.verify(password, account.map(StaffAccount::passwordHash).orElse(null));
    if (account.isEmpty() || !matches) {
      return Optional.empty();
    }
    return Optional.of(
        account.get().roles().stream()
            .map(Role::ofGroup)
            .flatMap(Optional::stream)
            .collect(Collectors.toUnmodifiableSet()));
  }
}

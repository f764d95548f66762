package fr.carnet.web.security;

import fr.carnet.security.Role;
import fr.carnet.staff.application.StaffAccountService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The console's identity store: staff accounts in the database, PBKDF2-hashed passwords.
 *
 * <p>It validates and gives groups in one go, and declares {@code VALIDATE} only, so that the
 * container never asks it for the groups of an API caller: a token whose subject happened to be a
 * staff user name must not gain that user's roles.
 */
@ApplicationScoped
public class StaffIdentityStore implements IdentityStore {

  @EJB private StaffAccountService accounts;

  @Override
  public CredentialValidationResult validate(Credential credential) {
    if (!(credential instanceof UsernamePasswordCredential login)) {
      return CredentialValidationResult.NOT_VALIDATED_RESULT;
    }
    return accounts
        .verify(login.getCaller(), login.getPassword().getValue())
        .filter(roles -> !roles.isEmpty())
        .map(
            roles ->
                new CredentialValidationResult(
                    login.getCaller(),
                    roles.stream().map(Role::group).collect(Collectors.toUnmodifiableSet())))
        .orElse(CredentialValidationResult.INVALID_RESULT);
  }

  @Override
  public Set<ValidationType> validationTypes() {
    return EnumSet.of(ValidationType.VALIDATE);
  }
}

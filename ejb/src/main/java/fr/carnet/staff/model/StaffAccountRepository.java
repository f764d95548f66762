package fr.carnet.staff.model;

import java.util.Optional;

/** Where console accounts are kept. */
public interface StaffAccountRepository {

  long count();

  Optional<StaffAccount> findByUsername(String username);

  void store(StaffAccount account);
}

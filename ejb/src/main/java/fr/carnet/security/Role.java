package fr.carnet.security;

import java.util.Arrays;
import java.util.Optional;

/** The roles a caller can hold; each is a {@code groups} value of the token. */
public enum Role {
  PROFESSIONAL("professional"),
  PATIENT("patient"),
  AGENT("agent"),
  AUDITOR("auditor"),
  ADMIN("admin"),
  /**
   * A referenced app of the catalogue acting for the patient (issue 21): never a token's group of
   * its own, but a patient token whose {@code azp} is not one of Carnet's own clients.
   */
  APP("app");

  private final String group;

  Role(String group) {
    this.group = group;
  }

  public String group() {
    return group;
  }

  public static Optional<Role> ofGroup(String group) {
    return Arrays.stream(values()).filter(role -> role.group.equals(group)).findFirst();
  }
}

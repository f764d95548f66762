package fr.carnet.security;

import java.util.Arrays;
import java.util.Optional;

/** The roles a caller can hold; each is a {@code groups} value of the token. */
public enum Role {
  PROFESSIONAL("professional"),
  PATIENT("patient"),
  AGENT("agent"),
  AUDITOR("auditor"),
  ADMIN("admin");

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

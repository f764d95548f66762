package fr.carnet.identity.model;

import java.util.Arrays;
import java.util.Optional;

/** The two national identifiers an INS can carry, told apart by their OID. */
public enum InsKind {
  NIR("1.2.250.1.213.1.4.8"),
  NIA("1.2.250.1.213.1.4.9");

  private final String oid;

  InsKind(String oid) {
    this.oid = oid;
  }

  public String oid() {
    return oid;
  }

  public static Optional<InsKind> ofOid(String oid) {
    return Arrays.stream(values()).filter(kind -> kind.oid.equals(oid)).findFirst();
  }
}

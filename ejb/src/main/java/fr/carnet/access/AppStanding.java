package fr.carnet.access;

import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the policy needs to know of an app acting for a patient (issue 21): where the app stands in
 * the catalogue, and the patient's connection of it to this record, as loaded for the access.
 *
 * @param status the app's standing in the catalogue, {@link Status#UNKNOWN} for a client id the
 *     catalogue does not know
 * @param connection the patient's latest connection of the app to this record
 * @param scopes the scopes that connection granted (empty without a live one)
 */
public record AppStanding(Status status, Connection connection, Set<String> scopes) {

  /** The scope prefix of reading documents of one class: {@code documents:read:LAB}. */
  public static final String READ_DOCUMENTS = "documents:read:";

  public static final String WRITE_DOCUMENTS = "documents:write";
  public static final String READ_PROFILE = "profile:read";
  public static final String WRITE_APPOINTMENTS = "appointments:write";

  /** Not an app, or a client id nobody referenced. */
  public static final AppStanding NONE = new AppStanding(Status.UNKNOWN, Connection.NONE, Set.of());

  /** An app's standing in the catalogue. */
  public enum Status {
    UNKNOWN,
    /** Asked for by one administrator, waiting for a second. */
    PENDING,
    REFERENCED,
    SUSPENDED,
    REJECTED
  }

  /** The patient's connection of the app to the record. */
  public enum Connection {
    NONE,
    LIVE,
    EXPIRED,
    REVOKED
  }

  public AppStanding {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(connection, "connection");
    scopes = Set.copyOf(Objects.requireNonNull(scopes, "scopes"));
  }

  /** The document classes the connection lets the app read. */
  public Set<String> readableClasses() {
    return scopes.stream()
        .filter(scope -> scope.startsWith(READ_DOCUMENTS))
        .map(scope -> scope.substring(READ_DOCUMENTS.length()))
        .collect(Collectors.toUnmodifiableSet());
  }

  public boolean grants(String scope) {
    return scopes.contains(scope);
  }
}

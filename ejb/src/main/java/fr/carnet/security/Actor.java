package fr.carnet.security;

import java.util.Objects;

/**
 * Who is acting, built once per request from the token or the console login and handed to the
 * services. Services never read the token themselves.
 *
 * @param subject the token subject or the console user name
 * @param role the one role the caller acts in
 * @param rpps a professional's 11-digit RPPS number
 * @param profession a professional's RPPS profession code
 * @param specialty a professional's specialty slug, if any
 * @param finess the organisation a professional acts for
 * @param ins a patient's own INS matricule (for an app, the INS of the patient it acts for)
 * @param app an app's client id at the identity provider ({@code azp}), for {@link Role#APP} only
 */
public record Actor(
    String subject,
    Role role,
    String rpps,
    String profession,
    String specialty,
    String finess,
    String ins,
    String app) {

  public Actor {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(role, "role");
    if ((role == Role.APP) != (app != null)) {
      throw new IllegalArgumentException("A client id goes with an app, and only with one");
    }
  }

  /** Any actor but an app. */
  public Actor(
      String subject,
      Role role,
      String rpps,
      String profession,
      String specialty,
      String finess,
      String ins) {
    this(subject, role, rpps, profession, specialty, finess, ins, null);
  }

  /**
   * A referenced app acting for the patient whose token it holds: the patient's subject and INS,
   * the app's client id. It may do only what the patient's live grant to that app allows.
   */
  public static Actor app(String subject, String ins, String clientId) {
    return new Actor(
        subject, Role.APP, null, null, null, null, ins, Objects.requireNonNull(clientId, "app"));
  }

  public static Actor staff(String userName, Role role) {
    return new Actor(userName, role, null, null, null, null, null);
  }

  public static Actor professional(
      String subject, String rpps, String profession, String specialty, String finess) {
    return new Actor(subject, Role.PROFESSIONAL, rpps, profession, specialty, finess, null);
  }

  public static Actor patient(String subject, String ins) {
    return new Actor(subject, Role.PATIENT, null, null, null, null, ins);
  }

  public boolean is(Role candidate) {
    return role == candidate;
  }

  /** Never shows the INS: actors end up in logs. */
  @Override
  public String toString() {
    return "Actor["
        + role
        + " "
        + (rpps != null ? "rpps=" + rpps : "sub=" + subject)
        + (app != null ? " app=" + app : "")
        + "]";
  }
}

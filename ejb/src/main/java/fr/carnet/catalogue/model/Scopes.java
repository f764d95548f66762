package fr.carnet.catalogue.model;

import fr.carnet.access.AppStanding;
import fr.carnet.shared.CarnetException;
import fr.carnet.shared.ErrorCode;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Scopes as the catalogue's data defines them ({@code catalogue_scope_kind}): a kind's code, and a
 * document class after it for the kinds that take one ({@code documents:read:LAB}). Pure.
 */
public final class Scopes {

  /** The most scopes an app is referenced for, or a patient grants at once. */
  public static final int MAX = 40;

  private static final Pattern SHAPE = Pattern.compile("[a-z]+:[a-z]+(:[A-Z][A-Z_]{0,31})?");

  private Scopes() {}

  /**
   * The scopes, each checked against the kinds and document classes; one unknown, or none at all,
   * is refused whole ({@link ErrorCode#APP_SCOPE_INVALID}).
   */
  public static Set<String> parse(
      Collection<String> given, Map<String, Boolean> kinds, Set<String> classes) {
    if (given == null || given.isEmpty() || given.size() > MAX) {
      throw new CarnetException(
          ErrorCode.APP_SCOPE_INVALID, "From 1 to " + MAX + " scopes are required");
    }
    Set<String> scopes = new LinkedHashSet<>();
    for (String scope : given) {
      if (scope == null || !SHAPE.matcher(scope).matches()) {
        throw new CarnetException(ErrorCode.APP_SCOPE_INVALID, "A scope is not well formed");
      }
      int classAt = scope.indexOf(':', scope.indexOf(':') + 1);
      String kind = classAt < 0 ? scope : scope.substring(0, classAt);
      Boolean takesClass = kinds.get(kind);
      if (takesClass == null
          || takesClass != (classAt >= 0)
          || (classAt >= 0 && !classes.contains(scope.substring(classAt + 1)))) {
        throw new CarnetException(ErrorCode.APP_SCOPE_INVALID, "Unknown scope: " + scope);
      }
      scopes.add(scope);
    }
    return Set.copyOf(scopes);
  }

  /**
   * That an app declared as exchanging no data asks for no scope that reads or writes the person's
   * documents or profile: such a declaration would skip the reinforced criteria of the checklist
   * ({@link ErrorCode#APP_CRITERIA_INCOMPLETE}).
   */
  public static Set<String> declared(Set<String> scopes, boolean exchangesData) {
    if (!exchangesData) {
      for (String scope : scopes) {
        if (scope.startsWith("documents:") || scope.startsWith("profile:")) {
          throw new CarnetException(
              ErrorCode.APP_CRITERIA_INCOMPLETE,
              "An app with the scope "
                  + scope
                  + " exchanges data: it meets the reinforced criteria (exchangesData: true)");
        }
      }
    }
    return scopes;
  }

  /** That the patient grants only scopes the app was referenced for. */
  public static Set<String> within(Set<String> granted, Set<String> referenced) {
    for (String scope : granted) {
      if (!referenced.contains(scope)) {
        throw new CarnetException(
            ErrorCode.APP_SCOPE_INVALID, "The app was not referenced for " + scope);
      }
    }
    return granted;
  }

  /** The document classes a set of scopes reads, as the policy reads them. */
  public static Set<String> readableClasses(Set<String> scopes) {
    return new AppStanding(AppStanding.Status.REFERENCED, AppStanding.Connection.LIVE, scopes)
        .readableClasses();
  }
}

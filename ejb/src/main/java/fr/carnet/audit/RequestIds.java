package fr.carnet.audit;

import java.util.regex.Pattern;

/**
 * The id of the request being served on this thread, written into every trace. Set by the web layer
 * for the duration of one request; absent for work that no request started.
 */
public final class RequestIds {

  private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

  private RequestIds() {}

  /** Whether a client's own request id can be kept (short, no spaces, nothing to inject). */
  public static boolean acceptable(String candidate) {
    return candidate != null && ACCEPTED.matcher(candidate).matches();
  }

  public static void set(String requestId) {
    CURRENT.set(requestId);
  }

  public static void clear() {
    CURRENT.remove();
  }

  public static String current() {
    return CURRENT.get();
  }
}

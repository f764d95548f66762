package fr.carnet.web.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens already verified (signature, issuer, audience, expiry), so that a client calling
 * many times with one token pays the verification once: it was a quarter of the server's CPU.
 *
 * <p>Keyed by the whole token, so only the very same bytes are recognised; an entry lives until the
 * token's own expiry and never more than {@link #LONGEST}, so that a key rotated at the identity
 * provider is honoured within minutes. Bounded: when full, expired entries go first, then
 * everything.
 */
final class VerifiedTokens {

  static final Duration LONGEST = Duration.ofMinutes(5);

  /** A verified caller, as the JWT mechanism established it, until {@code until}. */
  record Verified(ApiCaller caller, Instant until) {}

  private final ConcurrentHashMap<String, Verified> byToken = new ConcurrentHashMap<>();
  private final int capacity;
  private final Clock clock;

  VerifiedTokens(int capacity, Clock clock) {
    this.capacity = capacity;
    this.clock = clock;
  }

  Optional<ApiCaller> find(String token) {
    Verified verified = byToken.get(token);
    if (verified == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(verified.until())) {
      byToken.remove(token, verified);
      return Optional.empty();
    }
    return Optional.of(verified.caller());
  }

  /** Remembers a token verified now, which expires at {@code expiresAt}. */
  void remember(String token, ApiCaller caller, Instant expiresAt) {
    Instant now = clock.instant();
    Instant until = expiresAt.isBefore(now.plus(LONGEST)) ? expiresAt : now.plus(LONGEST);
    if (!now.isBefore(until)) {
      return;
    }
    if (byToken.size() >= capacity) {
      byToken.values().removeIf(entry -> !now.isBefore(entry.until()));
      if (byToken.size() >= capacity) {
        byToken.clear();
      }
    }
    byToken.put(token, new Verified(caller, until));
  }

  int size() {
    return byToken.size();
  }
}

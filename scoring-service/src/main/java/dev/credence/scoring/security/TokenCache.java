package dev.credence.scoring.security;

import dev.credence.scoring.config.ScoringConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The verified-token cache of the lender API ({@code credence.scoring.token-cache.*}). It is filled
 * as the last step of authentication: an augmentor with the lowest priority sees the finished
 * identity of every token Quarkus OIDC has just verified, and keeps it under the token's own string
 * ({@link VerifiedTokens}). {@link CachedBearerAuthentication} serves it to the next requests that
 * carry the same token. Checking a token cost about a fifth of scoring's CPU on the score path (RSA
 * signature, jose4j's JSON parse, the identity built), and a lender sends the same
 * client-credentials token for its whole life (docs/benchmarks.md).
 *
 * <p>Scoring has one OIDC tenant; with several, the key would have to name the tenant too.
 */
@ApplicationScoped
public class TokenCache implements SecurityIdentityAugmentor {
  @Inject ScoringConfig config;
  @Inject MeterRegistry meters;

  private VerifiedTokens<SecurityIdentity> tokens;
  private Counter hits;
  private Counter misses;

  @PostConstruct
  void init() {
    ScoringConfig.TokenCache settings = config.tokenCache();
    tokens =
        new VerifiedTokens<>(settings.maxAge(), settings.maxSize(), Instant::now, System::nanoTime);
    hits =
        Counter.builder("credence.security.token.cache")
            .tag("result", "hit")
            .description("Bearer tokens looked up in the verified-token cache, by result")
            .register(meters);
    misses =
        Counter.builder("credence.security.token.cache")
            .tag("result", "miss")
            .description("Bearer tokens looked up in the verified-token cache, by result")
            .register(meters);
    Gauge.builder("credence.security.token.cache.size", tokens, VerifiedTokens::size)
        .description("Verified bearer tokens held")
        .register(meters);
  }

  boolean enabled() {
    return config.tokenCache().enabled();
  }

  Optional<SecurityIdentity> find(String token) {
    Optional<SecurityIdentity> found = tokens.find(token);
    (found.isPresent() ? hits : misses).increment();
    return found;
  }

  /** Forgets every verified token. */
  public void clear() {
    tokens.clear();
  }

  @Override
  public int priority() {
    return Integer.MIN_VALUE; // last: what is kept is the identity every other step produced
  }

  @Override
  public Uni<SecurityIdentity> augment(
      SecurityIdentity identity, AuthenticationRequestContext context) {
    if (enabled()
        && !identity.isAnonymous()
        && identity.getPrincipal() instanceof JsonWebToken jwt
        && jwt.getExpirationTime() > 0) {
      AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
      // only a JWT that was itself the bearer credential (not an opaque, introspected token)
      if (credential != null
          && !credential.isOpaque()
          && credential.getToken() != null
          && credential.getToken().equals(jwt.getRawToken())) {
        tokens.remember(
            credential.getToken(), Instant.ofEpochSecond(jwt.getExpirationTime()), identity);
      }
    }
    return Uni.createFrom().item(identity);
  }
}

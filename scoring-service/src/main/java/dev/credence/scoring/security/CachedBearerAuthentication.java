package dev.credence.scoring.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;

/**
 * Answers a bearer token that the OIDC check passed a moment ago without checking it again: the
 * first mechanism tried (highest priority). A token it does not hold, or none, is left to Quarkus
 * OIDC (this returns no identity and the next mechanism runs), so every refusal and every challenge
 * is still OIDC's. The identity served is the one the check produced for that exact token, with
 * this request's routing context in place of the first request's.
 */
@ApplicationScoped
public class CachedBearerAuthentication implements HttpAuthenticationMechanism {
  private static final String BEARER = "bearer ";

  @Inject TokenCache tokens;

  @Override
  public Uni<SecurityIdentity> authenticate(
      RoutingContext context, IdentityProviderManager identityProviderManager) {
    if (!tokens.enabled()) {
      return Uni.createFrom().nullItem();
    }
    String token = bearer(context.request().getHeader(HttpHeaders.AUTHORIZATION));
    if (token == null) {
      return Uni.createFrom().nullItem();
    }
    Optional<SecurityIdentity> verified = tokens.find(token);
    if (verified.isEmpty()) {
      return Uni.createFrom().nullItem();
    }
    return Uni.createFrom().item(forThisRequest(verified.get(), context));
  }

  /** The token of an {@code Authorization: Bearer <token>} header, or null for anything else. */
  static String bearer(String header) {
    if (header == null
        || header.length() <= BEARER.length()
        || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    String token = header.substring(BEARER.length()).trim();
    for (int i = 0; i < token.length(); i++) {
      if (Character.isWhitespace(token.charAt(i)) || token.charAt(i) == ',') {
        return null; // not a single token: OIDC decides
      }
    }
    return token.isEmpty() ? null : token;
  }

  /** The cached identity with the attributes OIDC ties to one request replaced by this one's. */
  static SecurityIdentity forThisRequest(SecurityIdentity verified, RoutingContext context) {
    return QuarkusSecurityIdentity.builder(verified)
        .addAttribute(RoutingContext.class.getName(), context)
        .addAttribute(
            AuthenticationRequestContext.class.getName(),
            context.get(AuthenticationRequestContext.class.getName()))
        .build();
  }

  @Override
  public Uni<ChallengeData> getChallenge(RoutingContext context) {
    return Uni.createFrom().nullItem(); // OIDC's challenge applies
  }

  @Override
  public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
    return Set.of(); // it asks no identity provider
  }

  @Override
  public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
    return Uni.createFrom().nullItem(); // never selected by name: OIDC's bearer transport is
  }

  @Override
  public int getPriority() {
    return DEFAULT_PRIORITY + 1_000; // before OIDC's mechanism
  }
}

package dev.credence.common.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Refuses a bearer token that is not a signed JWT in compact form before Quarkus OIDC reads it: the
 * first authentication mechanism tried. Quarkus OIDC 3.33 throws {@code NoSuchElementException} for
 * some such values ({@code "Bearer "} with nothing after it, {@code "Bearer ..."}), which surfaced
 * as a 500. They are now a 401 {@code unauthorized} problem like any other bad token; every other
 * header is left to the next mechanism, unchanged. The services accept only JWT access tokens
 * (Keycloak issues nothing else), so no valid token is turned away.
 */
@ApplicationScoped
public class MalformedBearerToken implements HttpAuthenticationMechanism {
  private static final String BEARER = "bearer";

  @Override
  public Uni<SecurityIdentity> authenticate(
      RoutingContext context, IdentityProviderManager identityProviderManager) {
    String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (isMalformedBearer(header)) {
      // no detail: the token is the caller's secret, and its shape is all that was read
      return Uni.createFrom().failure(new AuthenticationFailedException("Malformed bearer token"));
    }
    return Uni.createFrom().nullItem();
  }

  /**
   * True for an {@code Authorization: Bearer} header whose credential is not three non-empty
   * base64url parts joined by dots (a JWS in compact serialisation). Other schemes, and no header,
   * are not this check's business.
   */
  public static boolean isMalformedBearer(String header) {
    if (header == null
        || header.length() < BEARER.length()
        || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())
        || (header.length() > BEARER.length() && header.charAt(BEARER.length()) != ' ')) {
      return false; // not the Bearer scheme
    }
    String token = header.substring(BEARER.length()).trim();
    int parts = 1;
    int partLength = 0;
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c == '.') {
        if (partLength == 0) {
          return true;
        }
        parts++;
        partLength = 0;
      } else if (Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_') {
        partLength++;
      } else {
        return true;
      }
    }
    return parts != 3 || partLength == 0;
  }

  @Override
  public Uni<ChallengeData> getChallenge(RoutingContext context) {
    return Uni.createFrom().nullItem(); // OIDC's Bearer challenge applies
  }

  @Override
  public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
    return Set.of(); // it asks no identity provider
  }

  @Override
  public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
    return Uni.createFrom().nullItem(); // never selected by name
  }

  @Override
  public int getPriority() {
    return DEFAULT_PRIORITY + 2_000; // before every other mechanism
  }
}

package dev.credence.consent.portal;

import dev.credence.common.problem.ProblemMappers;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.AuthenticationRedirectException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The browser's way through login. consent-service authenticates lazily so that the bearer API
 * answers 401 as problem+json (the shared {@link ProblemMappers}); the portal's pages need what a
 * web application needs instead: the OIDC tenant's challenge (302 to Keycloak's login with PKCE)
 * and its redirects (dropping {@code code} and {@code state} from the URL after login, logout).
 * These mappers take precedence over the shared ones and hand every non-portal path back to them.
 */
public class PortalSecurityMappers {
  private static final int BEFORE_SHARED_MAPPERS = Priorities.USER - 100;

  /** Thrown only by the web-app (portal) tenant: a redirect, not an error. */
  @ServerExceptionMapper(priority = BEFORE_SHARED_MAPPERS)
  public Response redirect(AuthenticationRedirectException e) {
    return Response.status(e.getCode())
        .header(HttpHeaders.LOCATION, e.getRedirectUri())
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .build();
  }

  @ServerExceptionMapper(
      value = {UnauthorizedException.class, AuthenticationFailedException.class},
      priority = BEFORE_SHARED_MAPPERS)
  public Uni<Response> challenge(RuntimeException e, RoutingContext routing, UriInfo uri) {
    if (!isPortal(uri)) {
      return Uni.createFrom().item(new ProblemMappers().unauthorized(e, uri));
    }
    HttpAuthenticator authenticator = routing.get(HttpAuthenticator.class.getName());
    if (authenticator == null) {
      return Uni.createFrom().item(signInRequired());
    }
    return authenticator
        .getChallenge(routing)
        .map(
            challenge -> {
              if (challenge == null) {
                return signInRequired();
              }
              Response.ResponseBuilder response =
                  Response.status(challenge.status).header(HttpHeaders.CACHE_CONTROL, "no-store");
              challenge.getHeaders().forEach((k, v) -> response.header(k.toString(), v));
              return response.build();
            })
        .onFailure()
        .recoverWithItem(PortalSecurityMappers::signInRequired);
  }

  /** The login came back but could not be completed (expired or replayed state, bad code). */
  @ServerExceptionMapper(priority = BEFORE_SHARED_MAPPERS)
  public Response completion(AuthenticationCompletionException e, UriInfo uri) {
    if (!isPortal(uri)) {
      return new ProblemMappers().unauthorized(e, uri);
    }
    return PortalResource.page(
        401,
        PortalResource.Templates.error(
            401,
            "Sign-in could not be completed",
            "The login did not finish (it may have expired). Please start again from the portal."));
  }

  private static boolean isPortal(UriInfo uri) {
    String path = uri.getPath();
    return path.equals("/portal") || path.startsWith("/portal/");
  }

  private static Response signInRequired() {
    return PortalResource.page(
        401,
        PortalResource.Templates.error(
            401, "Sign-in required", "Please sign in to see your consents."));
  }
}

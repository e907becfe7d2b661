package dev.credence.consent.client;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/**
 * Calls the other services as the caller: the incoming bearer token on the {@code /v1} API, and the
 * access token of the browser session on the portal (a portal request carries a session cookie, not
 * an Authorization header). Nothing else is forwarded, and nothing is ever sent without the
 * caller's own token.
 */
@ApplicationScoped
public class CallerTokenHeaders implements ClientHeadersFactory {
  @Inject SecurityIdentity identity;

  @Override
  public MultivaluedMap<String, String> update(
      MultivaluedMap<String, String> incoming, MultivaluedMap<String, String> outgoing) {
    MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
    String authorization = incoming == null ? null : incoming.getFirst(HttpHeaders.AUTHORIZATION);
    if (authorization == null && identity != null && !identity.isAnonymous()) {
      AccessTokenCredential session = identity.getCredential(AccessTokenCredential.class);
      if (session != null && session.getToken() != null) {
        authorization = "Bearer " + session.getToken();
      }
    }
    if (authorization != null) {
      headers.putSingle(HttpHeaders.AUTHORIZATION, authorization);
    }
    return headers;
  }
}

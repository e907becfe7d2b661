package dev.credence.consent.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which token the calls to ingestion and scoring carry: always the caller's own, or none. */
class CallerTokenHeadersTest {
  private static CallerTokenHeaders with(QuarkusSecurityIdentity identity) {
    CallerTokenHeaders headers = new CallerTokenHeaders();
    headers.identity = identity;
    return headers;
  }

  private static MultivaluedMap<String, String> incoming(String... pairs) {
    MultivaluedMap<String, String> m = new MultivaluedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.add(pairs[i], pairs[i + 1]);
    }
    return m;
  }

  private static QuarkusSecurityIdentity sessionWith(String accessToken) {
    return QuarkusSecurityIdentity.builder()
        .setPrincipal(new QuarkusPrincipal("bob"))
        .addCredential(new AccessTokenCredential(accessToken))
        .build();
  }

  @Test
  void theApisBearerTokenIsPassedOnAndNothingElse() {
    var out =
        with(sessionWith("session-token"))
            .update(
                incoming("Authorization", "Bearer api-token", "Cookie", "q_session=secret"),
                new MultivaluedHashMap<>());
    assertEquals(List.of("Bearer api-token"), out.get("Authorization"));
    assertEquals(1, out.size(), "no cookie or other header leaves: " + out);
  }

  @Test
  void aPortalRequestCarriesTheSessionsAccessToken() {
    var out =
        with(sessionWith("session-token"))
            .update(incoming("Cookie", "q_session=secret"), new MultivaluedHashMap<>());
    assertEquals(List.of("Bearer session-token"), out.get("Authorization"));
    assertEquals(1, out.size());
  }

  @Test
  void anAnonymousCallerSendsNoToken() {
    var anonymous = QuarkusSecurityIdentity.builder().setAnonymous(true).build();
    assertTrue(with(anonymous).update(incoming(), new MultivaluedHashMap<>()).isEmpty());
  }
}

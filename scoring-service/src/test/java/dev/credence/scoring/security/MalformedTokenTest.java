package dev.credence.scoring.security;

import dev.credence.scoring.rest.ScoreSecurityTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A bearer value that is not a compact JWS is a 401 problem, with OIDC on (it answered some of
 * these with a 500: {@code common/security/MalformedBearerToken}).
 */
@QuarkusTest
@TestProfile(TokenCacheTest.RealTokens.class)
class MalformedTokenTest {
  @ParameterizedTest
  @ValueSource(strings = {"Bearer ", "Bearer ...", "Bearer a..c", "Bearer abc", "Bearer a.b.c.d"})
  void isA401Problem(String authorization) {
    ScoreSecurityTest.assertUnauthorizedProblem(authorization);
  }
}

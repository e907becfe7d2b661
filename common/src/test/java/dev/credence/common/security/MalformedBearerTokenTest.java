package dev.credence.common.security;

import static dev.credence.common.security.MalformedBearerToken.isMalformedBearer;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MalformedBearerTokenTest {
  @Test
  void aCompactJwsPasses() {
    assertFalse(isMalformedBearer("Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln-_A9"));
    assertFalse(isMalformedBearer("bearer a.b.c"));
    assertFalse(isMalformedBearer("BEARER a.b.c "));
  }

  @Test
  void anythingElseAfterBearerIsMalformed() {
    assertTrue(isMalformedBearer("Bearer"));
    assertTrue(isMalformedBearer("Bearer "));
    assertTrue(isMalformedBearer("Bearer ..."));
    assertTrue(isMalformedBearer("Bearer a..c"));
    assertTrue(isMalformedBearer("Bearer .b.c"));
    assertTrue(isMalformedBearer("Bearer a.b."));
    assertTrue(isMalformedBearer("Bearer a.b"));
    assertTrue(isMalformedBearer("Bearer abc"));
    assertTrue(isMalformedBearer("Bearer a.b.c.d.e"), "a JWE: not accepted here");
    assertTrue(isMalformedBearer("Bearer a.b.c d"));
    assertTrue(isMalformedBearer("Bearer a.b+/=.c"), "standard base64, not base64url");
    assertTrue(isMalformedBearer("Bearer a.bé.c"));
  }

  @Test
  void otherSchemesAndNoHeaderAreNotItsBusiness() {
    assertFalse(isMalformedBearer(null));
    assertFalse(isMalformedBearer(""));
    assertFalse(isMalformedBearer("Basic dXNlcjpwYXNz"));
    assertFalse(isMalformedBearer("Bearerabc"));
    assertFalse(isMalformedBearer("DPoP a.b.c"));
  }
}

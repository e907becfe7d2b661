package dev.credence.scoring.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {
  final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  Instant wall = Instant.parse("2026-11-29T12:00:00Z");

  VerifiedTokens<String> tokens(Duration maxAge, int size) {
    return new VerifiedTokens<>(maxAge, size, () -> wall, nanos::get);
  }

  void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
    wall = wall.plus(d);
  }

  @Test
  void servesAVerifiedTokenUntilTheInstantItExpires() {
    VerifiedTokens<String> tokens = tokens(Duration.ofMinutes(5), 100);
    tokens.remember("t1", wall.plusSeconds(30), "lender-a");

    assertEquals("lender-a", tokens.find("t1").orElseThrow());
    advance(Duration.ofSeconds(30).minusNanos(1));
    assertEquals("lender-a", tokens.find("t1").orElseThrow());
    advance(Duration.ofNanos(1));
    assertTrue(tokens.find("t1").isEmpty(), "at exp the verifier refuses it; so does the cache");
  }

  @Test
  void maxAgeBoundsALongLivedToken() {
    VerifiedTokens<String> tokens = tokens(Duration.ofSeconds(60), 100);
    tokens.remember("t1", wall.plus(Duration.ofHours(8)), "lender-a");

    advance(Duration.ofSeconds(59));
    assertTrue(tokens.find("t1").isPresent());
    advance(Duration.ofSeconds(1));
    assertTrue(tokens.find("t1").isEmpty(), "checked again after max-age");
  }

  @Test
  void onlyTheExactTokenStringMatches() {
    VerifiedTokens<String> tokens = tokens(Duration.ofSeconds(60), 100);
    tokens.remember("aaa.bbb.ccc", wall.plusSeconds(30), "lender-a");

    assertTrue(tokens.find("aaa.bbb.ccd").isEmpty());
    assertTrue(tokens.find("aaa.bbb.cc").isEmpty());
    assertTrue(tokens.find("AAA.bbb.ccc").isEmpty());
    assertTrue(tokens.find("").isEmpty());
    assertTrue(tokens.find(null).isEmpty());
  }

  @Test
  void keepsNothingAlreadyExpiredOrWithoutExpiry() {
    VerifiedTokens<String> tokens = tokens(Duration.ofSeconds(60), 100);
    tokens.remember("expired", wall, "x");
    tokens.remember("past", wall.minusSeconds(1), "x");
    tokens.remember("no-exp", null, "x");

    assertEquals(0, tokens.size());
  }

  @Test
  void eachTokenKeepsItsOwnIdentity() {
    VerifiedTokens<String> tokens = tokens(Duration.ofSeconds(60), 100);
    tokens.remember("t-a", wall.plusSeconds(30), "lender-a");
    tokens.remember("t-b", wall.plusSeconds(30), "lender-b");

    assertEquals("lender-a", tokens.find("t-a").orElseThrow());
    assertEquals("lender-b", tokens.find("t-b").orElseThrow());
  }

  @Test
  void holdsAtMostMaxSizeAndForgetsOnClear() {
    VerifiedTokens<String> tokens = tokens(Duration.ofSeconds(60), 10);
    for (int i = 0; i < 100; i++) {
      tokens.remember("t" + i, wall.plusSeconds(30), "x");
    }
    assertTrue(tokens.size() <= 10, "size " + tokens.size());
    tokens.clear();
    assertEquals(0, tokens.size());
  }

  @Test
  void refusesANonPositiveMaxAge() {
    assertThrows(IllegalArgumentException.class, () -> tokens(Duration.ZERO, 10));
  }

  @Test
  void readsOnlyASingleBearerToken() {
    assertEquals("abc.def.ghi", CachedBearerAuthentication.bearer("Bearer abc.def.ghi"));
    assertEquals("abc.def.ghi", CachedBearerAuthentication.bearer("bearer abc.def.ghi "));
    assertNull(CachedBearerAuthentication.bearer("Basic dXNlcjpwYXNz"));
    assertNull(CachedBearerAuthentication.bearer("Bearer "));
    assertNull(CachedBearerAuthentication.bearer("Bearer a b"));
    assertNull(CachedBearerAuthentication.bearer("Bearer a,b"));
    assertNull(CachedBearerAuthentication.bearer("Bearerabc"));
    assertNull(CachedBearerAuthentication.bearer(null));
  }
}

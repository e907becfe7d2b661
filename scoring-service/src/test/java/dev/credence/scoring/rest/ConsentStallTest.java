package dev.credence.scoring.rest;

import static dev.credence.scoring.rest.ScoreResourceTest.LENDER;
import static dev.credence.scoring.rest.ScoreResourceTest.PROBLEM_JSON;
import static dev.credence.scoring.rest.ScoreResourceTest.requestScore;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.credence.common.events.Purpose;
import dev.credence.common.messaging.ConsumerRetry;
import dev.credence.scoring.TestData;
import dev.credence.scoring.config.ScoringConfig;
import dev.credence.scoring.service.ProjectionService;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Scoring fails closed while its consent projection cannot apply consent changes: a revocation may
 * be waiting behind the event its consumer cannot write, so no score is released (503) until the
 * consumer catches up. The consumer's outage is a real transient failure run through the same
 * {@link ConsumerRetry} the Kafka consumer uses.
 */
@QuarkusTest
@TestSecurity(user = "demo-lender", roles = "lender")
@OidcSecurity(claims = @Claim(key = "azp", value = "demo-lender"))
class ConsentStallTest {
  @Inject TestData data;
  @Inject ConsumerRetry consumers;

  /** The limit is 2 s in %test (1 s in production): a margin for a slow machine's request. */
  @Inject ScoringConfig config;

  @Test
  void noScoreIsReleasedWhileConsentChangesWaitLongerThanTheLimitAndScoresResumeAfter()
      throws Exception {
    String nationalId = TestData.newNationalId();
    String subjectId = data.enrol(nationalId);
    data.tradeline(subjectId, TestData.goodTradeline());
    data.grant(subjectId, LENDER, Purpose.CREDIT_APPLICATION);
    // warm: the first request of a cold test JVM took over a second in CI, longer than the limit
    requestScore(nationalId, "CREDIT_APPLICATION").statusCode(200);

    CountDownLatch databaseBack = new CountDownLatch(1);
    CompletableFuture<Boolean> consumer =
        CompletableFuture.supplyAsync(
            () ->
                consumers.untilApplied(
                    ProjectionService.CONSENT_CONSUMER,
                    () -> {
                      if (databaseBack.getCount() > 0) {
                        throw new IllegalStateException(
                            "could not execute statement",
                            new SQLException("Connection refused", "08001"));
                      }
                      return true;
                    }));
    try {
      // a short wait is a blip, not a stall: scores go on
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> !consumers.waiting(ProjectionService.CONSENT_CONSUMER).isZero());
      requestScore(nationalId, "CREDIT_APPLICATION").statusCode(200);

      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  consumers
                          .waiting(ProjectionService.CONSENT_CONSUMER)
                          .compareTo(config.consentStallLimit().plusMillis(100))
                      > 0);
      long before = data.disclosures(subjectId);
      requestScore(nationalId, "CREDIT_APPLICATION")
          .statusCode(503)
          .contentType(PROBLEM_JSON)
          .body("type", equalTo("https://credence.dev/problems/consent-state-unavailable"))
          .body("detail", containsString("no score is released"));
      assertEquals(before, data.disclosures(subjectId), "a refused request leaves no disclosure");
    } finally {
      databaseBack.countDown();
      // the consumer must be done before the next test scores (its backoff is at most 500 ms in
      // %test); a consumer still waiting would refuse that test's scores
      assertEquals(true, consumer.get(30, TimeUnit.SECONDS));
    }
    assertEquals(Duration.ZERO, consumers.waiting(ProjectionService.CONSENT_CONSUMER));
    requestScore(nationalId, "CREDIT_APPLICATION").statusCode(200);
  }
}

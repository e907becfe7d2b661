package dev.credence.scoring.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.credence.common.events.Purpose;
import dev.credence.scoring.TestData;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code credence.scoring.read.grouped=false} (kept for A/B runs): each score request reads its
 * consents and file alone, and the decision and its refusals are the same as with grouped reads.
 * The other read and release settings are set too: each must be a key the service accepts.
 */
@QuarkusTest
@TestProfile(UngroupedReadsTest.Ungrouped.class)
@TestSecurity(user = "demo-lender", roles = "lender")
@OidcSecurity(claims = @Claim(key = "azp", value = "demo-lender"))
class UngroupedReadsTest {

  public static class Ungrouped implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      // every documented key of the read and release settings, so that each is known to the
      // credence.scoring mapping (an unknown key under its prefix stops the service at start)
      return Map.of(
          "credence.scoring.read.grouped", "false",
          "credence.scoring.read.readers", "1",
          "credence.scoring.read.max-batch", "8",
          "credence.scoring.release.writers", "1",
          "credence.scoring.release.max-batch", "16",
          "credence.scoring.release.commit-timeout", "20s");
    }
  }

  @Inject TestData data;
  @Inject MeterRegistry meters;

  @Test
  void aScoreIsReleasedAndARefusalRefusedWithoutTheGroupedReads() {
    String scored = TestData.newNationalId();
    String subjectId = data.enrol(scored);
    data.tradeline(subjectId, TestData.goodTradeline());
    data.grant(subjectId, "demo-lender", Purpose.CREDIT_APPLICATION);
    String refused = TestData.newNationalId();
    data.tradeline(data.enrol(refused), TestData.goodTradeline()); // no consent

    ScoreResourceTest.requestScore(scored, "CREDIT_APPLICATION")
        .statusCode(200)
        .body("outcome", equalTo("SCORED"))
        .body("score", notNullValue())
        .body("disclosureId", notNullValue());
    ScoreResourceTest.requestScore(refused, "CREDIT_APPLICATION")
        .statusCode(403)
        .body("type", equalTo("https://credence.dev/problems/consent-required"));

    assertEquals(1, data.disclosures(subjectId));
    assertEquals(
        0L,
        meters.get("credence.scoring.read.batch").summary().count(),
        "no grouped read was made");
  }
}

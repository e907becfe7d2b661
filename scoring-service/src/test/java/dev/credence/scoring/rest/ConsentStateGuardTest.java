package dev.credence.scoring.rest;

import static dev.credence.scoring.rest.ScoreResourceTest.LENDER;
import static dev.credence.scoring.rest.ScoreResourceTest.PROBLEM_JSON;
import static dev.credence.scoring.rest.ScoreResourceTest.requestScore;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.credence.common.events.ConsentHeartbeat;
import dev.credence.common.events.EventCodec;
import dev.credence.common.events.Events;
import dev.credence.common.events.Purpose;
import dev.credence.scoring.TestData;
import dev.credence.scoring.messaging.ConsentEventsConsumer;
import dev.credence.scoring.service.ConsentStateGuard;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Scores are released only while consent-service's heartbeats prove the consent projection at most
 * {@code max-lag} behind on every partition (3 s here, so a slow machine's request does not outlast
 * a fresh marker; 1 s in production); a refused request leaves nothing. The markers go through the
 * real consumer method, as Kafka would deliver them (its channel is off here, so no marker left on
 * the test topic by another module's run can interfere).
 */
@QuarkusTest
@TestProfile(ConsentStateGuardTest.Enforced.class)
@TestSecurity(user = "demo-lender", roles = "lender")
@OidcSecurity(claims = @Claim(key = "azp", value = "demo-lender"))
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsentStateGuardTest {
  static final int PARTITIONS = 6;

  public static class Enforced implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "credence.scoring.consent-state.enforce", "true",
          "credence.scoring.consent-state.max-lag", "3s",
          "credence.scoring.consent-state.refresh", "50ms",
          "mp.messaging.incoming.consent-events.enabled", "false");
    }
  }

  @Inject TestData data;
  @Inject ConsentEventsConsumer consumer;
  @Inject ConsentStateGuard guard;
  @Inject MeterRegistry meters;

  String nationalId;
  String subjectId;

  @BeforeEach
  void scorablePersonAndNoMarks() throws Exception {
    data.execute("delete from consent_watermark");
    guard.refresh();
    nationalId = TestData.newNationalId();
    subjectId = data.enrol(nationalId);
    data.tradeline(subjectId, TestData.goodTradeline());
    data.grant(subjectId, LENDER, Purpose.ACCOUNT_REVIEW);
  }

  void beat(int partition, Instant at) {
    consumer.consume(
        EventCodec.write(
            EventCodec.envelope(
                Events.CONSENT_HEARTBEAT,
                "consent-heartbeat:" + partition,
                "consent-service",
                new ConsentHeartbeat(partition, PARTITIONS, at),
                at)));
  }

  void beatAll(Instant at) throws Exception {
    for (int p = 0; p < PARTITIONS; p++) {
      beat(p, at);
    }
    guard.refresh(); // what the reader thread does every 50 ms
  }

  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  double lagGauge() {
    return meters.get("credence.scoring.consent.lag").gauge().value();
  }

  void refused(String detail) {
    requestScore(nationalId, "ACCOUNT_REVIEW")
        .statusCode(503)
        .contentType(PROBLEM_JSON)
        .header("Retry-After", "1")
        .body("type", equalTo("https://credence.dev/problems/consent-state-unavailable"))
        .body("title", equalTo("Consent state is not current"))
        .body("maxLagMillis", equalTo(3000))
        .body("detail", containsString(detail))
        .body("detail", containsString("no score is released"));
  }

  @Test
  @Order(1)
  void withoutAnyHeartbeatNothingIsReleasedAndTheReplicaIsNotReady() {
    refused("No consent-service heartbeat has been applied yet");
    assertEquals(0, data.disclosures(subjectId), "a refused request leaves no disclosure");
    assertEquals(Double.POSITIVE_INFINITY, lagGauge());
    // never fresh since this app instance started (its database was emptied at start)
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(503)
        .body("checks.find { it.name == 'consent-state' }.status", equalTo("DOWN"))
        .body("checks.find { it.name == 'consent-state' }.data.lagMillis", equalTo("unknown"));
  }

  @Test
  @Order(3)
  void everyPartitionMustReport() throws Exception {
    for (int p = 0; p < PARTITIONS - 1; p++) {
      beat(p, now());
    }
    guard.refresh();
    refused("on 1 of the consent topic's 6 partitions");
    assertEquals(0, data.disclosures(subjectId));

    beat(PARTITIONS - 1, now());
    guard.refresh();
    requestScore(nationalId, "ACCOUNT_REVIEW").statusCode(200);
    assertEquals(1, data.disclosures(subjectId));
    assertTrue(lagGauge() < 3.0, "lag " + lagGauge());
  }

  @Test
  @Order(4)
  void whenHeartbeatsStopScoresStopWithinTheLimit() throws Exception {
    Instant last = now();
    beatAll(last);
    requestScore(nationalId, "ACCOUNT_REVIEW").statusCode(200);

    // no more markers: once the last one is more than max-lag old, nothing is released
    Thread.sleep(Math.max(0, 3_100 - java.time.Duration.between(last, Instant.now()).toMillis()));
    guard.refresh();
    refused("Consent changes are proven applied only up to");
    assertEquals(1, data.disclosures(subjectId), "only the one released while fresh");
    assertTrue(lagGauge() > 3.0, "lag " + lagGauge());

    beatAll(now());
    requestScore(nationalId, "ACCOUNT_REVIEW").statusCode(200);
    assertEquals(2, data.disclosures(subjectId));
  }

  @Test
  @Order(5)
  void onePartitionBehindHoldsEveryScoreAndAReplayedMarkerDoesNotMoveItBack() throws Exception {
    beatAll(now());
    beat(3, now().minusSeconds(30)); // an old marker delivered again
    guard.refresh();
    requestScore(nationalId, "ACCOUNT_REVIEW").statusCode(200);

    data.execute(
        "update consent_watermark set heartbeat_at = now() - interval '5 seconds'"
            + " where partition_no = 3");
    guard.refresh();
    refused("Consent changes are proven applied only up to 5");
    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"purpose\":\"ACCOUNT_REVIEW\",\"items\":[{\"reference\":\"a\",\"subject\":"
                + "{\"identifierType\":\"NATIONAL_ID\",\"identifier\":\""
                + nationalId
                + "\"}}]}")
        .urlEncodingEnabled(false)
        .when()
        .post("/v1/scores:batch")
        .then()
        .statusCode(200)
        .body("refused", equalTo(1))
        .body(
            "items[0].problem.type",
            equalTo("https://credence.dev/problems/consent-state-unavailable"));
    assertEquals(1, data.disclosures(subjectId), "neither refusal left a disclosure");
  }

  @Test
  @Order(2)
  void readyOnceFreshAndStaysSo() throws Exception {
    beatAll(now());
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .body("checks.find { it.name == 'consent-state' }.status", equalTo("UP"))
        .body("checks.find { it.name == 'consent-state' }.data.enforced", equalTo(true));
    // later staleness refuses scores but does not take the replica out of the service
    data.execute("update consent_watermark set heartbeat_at = now() - interval '1 minute'");
    guard.refresh();
    refused("Consent changes are proven applied only up to");
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .body("checks.find { it.name == 'consent-state' }.status", equalTo("UP"));
  }
}

package dev.credence.ingestion.rest;

import static dev.credence.ingestion.support.Requests.batch;
import static dev.credence.ingestion.support.Requests.newRecordId;
import static dev.credence.ingestion.support.Requests.tradeline;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.credence.common.events.ConsentHeartbeat;
import dev.credence.common.events.DataCategory;
import dev.credence.common.events.EventCodec;
import dev.credence.common.events.Events;
import dev.credence.ingestion.messaging.ConsentEventsConsumer;
import dev.credence.ingestion.service.ConsentStateGuard;
import dev.credence.ingestion.support.Projections;
import dev.credence.ingestion.support.Samples;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A consent-bound record is judged only while consent-service's heartbeats prove the consent
 * projection at most {@code max-lag} behind on every partition (3 s here); otherwise it is rejected
 * as {@code CONSENT_STATE_UNAVAILABLE} and nothing of it is stored, while records that need no
 * consent go through. A CSV job waits for a fresh state instead. The markers go through the real
 * consumer method, as Kafka would deliver them (its channel is off here, so no marker left on the
 * test topic by another module's run can interfere).
 */
@QuarkusTest
@TestProfile(ConsentStateGuardTest.Enforced.class)
@TestSecurity(user = ConsentStateGuardTest.FURNISHER, roles = "furnisher")
@OidcSecurity(claims = @Claim(key = "azp", value = ConsentStateGuardTest.FURNISHER))
class ConsentStateGuardTest {
  static final String FURNISHER = "demo-furnisher";
  static final int PARTITIONS = 3;

  public static class Enforced implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "credence.ingestion.consent-state.enforce", "true",
          "credence.ingestion.consent-state.max-lag", "3s",
          "credence.ingestion.consent-state.refresh", "50ms",
          "credence.ingestion.consent-state.job-wait", "60s",
          "mp.messaging.incoming.consent-events.enabled", "false");
    }
  }

  @Inject Projections projections;
  @Inject ConsentEventsConsumer consumer;
  @Inject ConsentStateGuard guard;
  @Inject MeterRegistry meters;

  String nationalId;

  @BeforeEach
  void consentedPersonAndNoMarks() throws Exception {
    projections.execute("delete from consent_watermark");
    guard.refresh();
    nationalId = Projections.newNationalId();
    projections.grantCollect(
        projections.enrolPerson(nationalId),
        FURNISHER,
        DataCategory.TRADELINE,
        DataCategory.INCOME);
  }

  void beat(int partition, Instant at) {
    consumer.handle(
        EventCodec.envelope(
            Events.CONSENT_HEARTBEAT,
            "consent-heartbeat:" + partition,
            "consent-service",
            new ConsentHeartbeat(partition, PARTITIONS, at),
            at),
        partition);
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

  static ValidatableResponse post(String body) {
    return given().contentType(ContentType.JSON).body(body).when().post("/v1/records").then();
  }

  long stored(String furnisherRecordId) {
    return projections.countWhere(
        "select count(*) from furnished_record where furnisher_id = ?1 and furnisher_record_id = ?2",
        FURNISHER,
        furnisherRecordId);
  }

  double lagGauge() {
    return meters.get("credence.ingestion.consent.lag").gauge().value();
  }

  @Test
  void withNoHeartbeatAConsentBoundRecordIsRejectedAndNothingIsStoredButAPublicRecordGoesThrough() {
    String registration = "REG-" + UUID.randomUUID();
    projections.registerOrganisation(registration);
    String personal = newRecordId();
    String publicRecord = newRecordId();

    post(batch(
            tradeline(personal, nationalId),
            Samples.record(
                publicRecord, DataCategory.TAX_COMPLIANCE, "COMPANY_REGISTRATION", registration)))
        .statusCode(200)
        .body("results[0].outcome", equalTo("REJECTED"))
        .body("results[0].reason.code", equalTo("CONSENT_STATE_UNAVAILABLE"))
        .body("results[1].outcome", equalTo("ACCEPTED"));

    assertEquals(0, stored(personal), "nothing of the consent-bound record is stored");
    assertEquals(1, stored(publicRecord));
    assertEquals(
        0,
        projections.countWhere(
            "select count(*) from outbox_event where payload ->> 'furnisherRecordId' = ?1",
            personal));
    assertEquals(Double.POSITIVE_INFINITY, lagGauge());
  }

  @Test
  void withEveryPartitionFreshTheRecordIsJudgedAndResubmittingItIsAccepted() throws Exception {
    String recordId = newRecordId();
    post(batch(tradeline(recordId, nationalId)))
        .statusCode(200)
        .body("results[0].reason.code", equalTo("CONSENT_STATE_UNAVAILABLE"));

    beatAll(now());

    post(batch(tradeline(recordId, nationalId)))
        .statusCode(200)
        .body("results[0].outcome", equalTo("ACCEPTED"));
    assertEquals(1, stored(recordId));
    assertTrue(lagGauge() < 3.0, "lag " + lagGauge());
  }

  @Test
  void oneMissingOrLaggingPartitionIsEnoughToReject() throws Exception {
    beat(0, now());
    beat(1, now());
    guard.refresh();
    post(batch(tradeline(newRecordId(), nationalId)))
        .statusCode(200)
        .body("results[0].reason.code", equalTo("CONSENT_STATE_UNAVAILABLE"));

    beat(2, now().minus(Duration.ofSeconds(10)));
    guard.refresh();
    post(batch(tradeline(newRecordId(), nationalId)))
        .statusCode(200)
        .body("results[0].reason.code", equalTo("CONSENT_STATE_UNAVAILABLE"));

    beat(2, now());
    guard.refresh();
    post(batch(tradeline(newRecordId(), nationalId)))
        .statusCode(200)
        .body("results[0].outcome", equalTo("ACCEPTED"));
  }

  @Test
  void aReplayedOldMarkerDoesNotMoveAWatermarkBack() throws Exception {
    Instant fresh = now();
    beatAll(fresh);
    beat(1, fresh.minus(Duration.ofMinutes(5)));
    guard.refresh();

    assertTrue(guard.fresh(Instant.now()));
    assertEquals(
        fresh,
        ((Instant)
            projections.single(
                "select heartbeat_at from consent_watermark where partition_no = 1")));
  }

  @Test
  void aCsvJobWaitsForAFreshConsentStateRatherThanRejecting() throws Exception {
    String recordId = "inc-" + UUID.randomUUID();
    String csv =
        "furnisherRecordId,identifierType,identifier,amount,currency,period,source,verifiedOn\n"
            + recordId
            + ",NATIONAL_ID,"
            + nationalId
            + ",42000,EUR,ANNUAL,PAYROLL,2026-10-20\n";
    String jobId =
        given()
            .contentType("text/csv")
            .queryParam("category", "INCOME")
            .body(csv.getBytes(StandardCharsets.UTF_8))
            .when()
            .post("/v1/record-jobs")
            .then()
            .statusCode(202)
            .header("Location", containsString("/v1/record-jobs/"))
            .extract()
            .path("jobId");

    Thread.sleep(1_500);
    given()
        .get("/v1/record-jobs/" + jobId)
        .then()
        .statusCode(200)
        .body("status", equalTo("RUNNING"))
        .body("rejected", equalTo(0));
    assertEquals(0, stored(recordId));
    assertFalse(guard.fresh(Instant.now()));

    beatAll(now());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !"RUNNING".equals(given().get("/v1/record-jobs/" + jobId).path("status")));
    given()
        .get("/v1/record-jobs/" + jobId)
        .then()
        .body("status", equalTo("DONE"))
        .body("accepted", equalTo(1))
        .body("rejected", equalTo(0));
    assertEquals(1, stored(recordId));
  }
}

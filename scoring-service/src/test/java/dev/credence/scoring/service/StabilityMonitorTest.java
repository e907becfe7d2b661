package dev.credence.scoring.service;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.credence.scoring.TestData;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The champion's live stability as gauges: what the metrics say is what the endpoint answers for
 * the same window, the score and every feature, with the number of scores it rests on.
 */
@QuarkusTest
class StabilityMonitorTest {
  static final SecureRandom RANDOM = new SecureRandom();

  @Inject StabilityMonitor monitor;
  @Inject MeterRegistry meters;
  @Inject TestData data;

  static UUID idAt(Instant at) {
    return new UUID(
        (at.toEpochMilli() << 16) | 0x7000L | RANDOM.nextInt(0x1000),
        0x8000000000000000L | (RANDOM.nextLong() >>> 2));
  }

  double gauge(String name, String... tags) {
    Gauge g = meters.find(name).tags(tags).gauge();
    assertNotNull(g, name + " " + String.join(",", tags));
    return g.value();
  }

  @Test
  @TestSecurity(user = "olga", roles = "operator")
  void theGaugesAreTheEndpointsFiguresForTheLastWeek() {
    Instant at = Instant.now().minus(1, ChronoUnit.HOURS);
    for (int i = 0; i < 120; i++) { // enough scores of the champion, all in the lowest decile
      data.execute(
          "insert into disclosure (id, lender_id, subject_id, purpose, consent_id, outcome, score,"
              + " band, reason_codes, scale_min, scale_max, model_id, model_version,"
              + " snapshot_hash, features, computed_at) values (?1, 'demo-lender', ?2,"
              + " 'CREDIT_APPLICATION', ?3, 'SCORED', 560, 'Poor', cast('[]' as jsonb), 300, 850,"
              + " 'person-synthetic', '2', 'h', cast('{\"revolving_utilisation\":95.0}' as jsonb),"
              + " ?4)",
          idAt(at.plusMillis(i)),
          "sub_" + UUID.randomUUID(),
          UUID.randomUUID(),
          Timestamp.from(at.plusMillis(i)));
    }

    StabilityService.Report report = monitor.refresh().orElseThrow();
    assertEquals("person-synthetic-v2", report.model());
    assertTrue(report.scores() >= 120, "scores " + report.scores());
    assertEquals(7, java.time.Duration.between(report.from(), report.to()).toDays());
    assertEquals(
        report.scores(),
        gauge("credence.scoring.stability.scores", "model", "person-synthetic-v2"),
        0.0);
    double psi =
        gauge("credence.scoring.stability.psi", "model", "person-synthetic-v2", "index", "score");
    assertEquals(report.score().psi(), psi, 0.0);
    assertTrue(psi > 0, "120 scores in one decile are no development population");
    for (var f : report.features()) {
      assertEquals(
          f.psi(),
          gauge(
              "credence.scoring.stability.psi", "model", "person-synthetic-v2", "index", f.name()),
          0.0);
    }
    assertEquals(6, report.features().size());

    float answered =
        given()
            .queryParam("from", report.from().toString())
            .queryParam("to", report.to().toString())
            .get("/v1/models/person-synthetic-v2/stability")
            .then()
            .statusCode(200)
            .extract()
            .path("score.psi");
    assertEquals(psi, answered, 1e-6);
    assertEquals(report, monitor.last());
  }
}

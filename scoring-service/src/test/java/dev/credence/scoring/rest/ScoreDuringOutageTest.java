package dev.credence.scoring.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.credence.common.events.Purpose;
import dev.credence.common.testing.DatabaseOutage;
import dev.credence.scoring.TestData;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * A score requested while scoring's database refuses connections (a failover) is a 503 {@code
 * database-unavailable} with {@code Retry-After}, nothing stored: the fault bench saw 500 {@code
 * internal-error} incidents there, which tell a lender nothing about retrying.
 */
@QuarkusTest
@TestSecurity(user = "demo-lender", roles = "lender")
@OidcSecurity(claims = @Claim(key = "azp", value = "demo-lender"))
class ScoreDuringOutageTest {
  @Inject TestData data;
  @Inject AgroalDataSource dataSource;

  @Test
  void isA503DatabaseUnavailableAndStoresNothing() throws Exception {
    String nationalId = TestData.newNationalId();
    String subjectId = data.enrol(nationalId);
    data.tradeline(subjectId, TestData.goodTradeline());
    data.grant(subjectId, ScoreResourceTest.LENDER, Purpose.ACCOUNT_REVIEW);
    ScoreResourceTest.requestScore(nationalId, "ACCOUNT_REVIEW").statusCode(200);
    long before = data.disclosures(subjectId);

    try (var outage = DatabaseOutage.refuseConnections()) {
      assertTrue(outage.sessionsEnded() >= 1, "the pool held no connection to end");
      ScoreResourceTest.requestScore(nationalId, "ACCOUNT_REVIEW")
          .statusCode(503)
          .contentType(ScoreResourceTest.PROBLEM_JSON)
          .header("Retry-After", "1")
          .body("type", equalTo("https://credence.dev/problems/database-unavailable"));
    } finally {
      dataSource.flush(AgroalDataSource.FlushMode.ALL); // no dead connection left for later tests
      DatabaseOutage.awaitHealthyPool(dataSource, 8);
    }
    assertEquals(before, data.disclosures(subjectId), "nothing was stored");
    ScoreResourceTest.requestScore(nationalId, "ACCOUNT_REVIEW").statusCode(200);
  }

  @Test
  void aBatchDuringTheOutageAnswersEachItemFailedNotTheWholeBatch() throws Exception {
    String first = TestData.newNationalId();
    String second = TestData.newNationalId();
    String firstId = data.enrol(first);
    data.tradeline(firstId, TestData.goodTradeline());
    data.grant(firstId, ScoreResourceTest.LENDER, Purpose.ACCOUNT_REVIEW);
    String secondId = data.enrol(second);
    data.tradeline(secondId, TestData.goodTradeline());
    data.grant(secondId, ScoreResourceTest.LENDER, Purpose.ACCOUNT_REVIEW);
    String batch =
        "{\"items\":[{\"reference\":\"a\",\"subject\":{\"identifierType\":\"NATIONAL_ID\","
            + "\"identifier\":\""
            + first
            + "\"}},{\"reference\":\"b\",\"subject\":{\"identifierType\":\"NATIONAL_ID\","
            + "\"identifier\":\""
            + second
            + "\"}}]}";
    ScoreResourceTest.requestBatch(batch).statusCode(200).body("scored", equalTo(2));
    long before = data.disclosures(firstId) + data.disclosures(secondId);

    try (var outage = DatabaseOutage.refuseConnections()) {
      assertTrue(outage.sessionsEnded() >= 1, "the pool held no connection to end");
      // each item says what happened to it: a released item's disclosure id is never lost
      // behind a 503 for the whole batch
      ScoreResourceTest.requestBatch(batch)
          .statusCode(200)
          .body("scored", equalTo(0))
          .body("refused", equalTo(0))
          .body("failed", equalTo(2))
          .body("items[0].outcome", equalTo("FAILED"))
          .body("items[1].reference", equalTo("b"))
          .body(
              "items[1].problem.type",
              equalTo("https://credence.dev/problems/database-unavailable"))
          .body("items[1].problem.status", equalTo(503));
    } finally {
      dataSource.flush(AgroalDataSource.FlushMode.ALL);
      DatabaseOutage.awaitHealthyPool(dataSource, 8);
    }
    assertEquals(
        before, data.disclosures(firstId) + data.disclosures(secondId), "nothing was stored");
  }
}

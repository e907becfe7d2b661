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
}

package dev.credence.scoring.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.credence.common.events.ConsentStatus;
import dev.credence.common.events.DataCategory;
import dev.credence.common.events.Purpose;
import dev.credence.scoring.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every released score has exactly its disclosure (and inquiry), and no refused request leaves one:
 * a seeded mix of consent situations (valid, none, revoked, expired, not started, other purpose,
 * usage limit reached), each request checked against the disclosure table.
 */
@QuarkusTest
@TestSecurity(user = "demo-lender", roles = "lender")
@OidcSecurity(claims = @Claim(key = "azp", value = "demo-lender"))
class DisclosureInvariantTest {
  static final String LENDER = "demo-lender";
  static final long SEED = 20261129L;
  static final int TRIES = 24;

  enum Situation {
    VALID,
    NO_CONSENT,
    REVOKED,
    EXPIRED,
    NOT_STARTED,
    OTHER_PURPOSE,
    LIMIT_REACHED
  }

  @Inject TestData data;

  void consent(String subjectId, Situation s) {
    Instant now = Instant.now();
    Instant start = now.minus(1, ChronoUnit.DAYS);
    Instant end = now.plus(30, ChronoUnit.DAYS);
    ConsentStatus status = ConsentStatus.ACTIVE;
    Purpose purpose = Purpose.CREDIT_APPLICATION;
    Integer limit = null;
    switch (s) {
      case NO_CONSENT -> {
        return;
      }
      case REVOKED -> status = ConsentStatus.REVOKED;
      case EXPIRED -> {
        start = now.minus(30, ChronoUnit.DAYS);
        end = now.minus(1, ChronoUnit.MINUTES);
      }
      case NOT_STARTED -> start = now.plus(1, ChronoUnit.DAYS);
      case OTHER_PURPOSE -> purpose = Purpose.ACCOUNT_REVIEW;
      case LIMIT_REACHED -> limit = 1;
      default -> {}
    }
    data.consent(
        UUID.randomUUID(),
        1,
        subjectId,
        LENDER,
        purpose,
        status,
        start,
        end,
        limit,
        List.of(DataCategory.TRADELINE));
  }

  static Response request(String nationalId) {
    return given()
        .contentType(ContentType.JSON)
        .body(
            "{\"subject\":{\"identifierType\":\"NATIONAL_ID\",\"identifier\":\""
                + nationalId
                + "\"},\"purpose\":\"CREDIT_APPLICATION\"}")
        .post("/v1/scores");
  }

  @Test
  void everyReleaseHasItsDisclosureAndNoRefusalHasOne() {
    Random random = new Random(SEED);
    for (int i = 1; i <= TRIES; i++) {
      Situation s = Situation.values()[random.nextInt(Situation.values().length)];
      String where = "seed " + SEED + ", case #" + i + " (" + s + ")";
      String nationalId = TestData.newNationalId();
      String subjectId = data.enrol(nationalId);
      data.tradeline(subjectId, TestData.goodTradeline());
      consent(subjectId, s);
      long before = 0;
      if (s == Situation.LIMIT_REACHED) {
        assertEquals(200, request(nationalId).statusCode(), where + ": the one allowed use");
        before = 1;
      }

      Response r = request(nationalId);

      if (s == Situation.VALID) {
        assertEquals(200, r.statusCode(), where);
        String id = r.jsonPath().getString("disclosureId");
        assertEquals(
            1,
            data.count(
                "select count(*) from disclosure where id = cast(?1 as uuid) and subject_id = ?2"
                    + " and lender_id = ?3 and score = ?4 and snapshot_hash = ?5",
                id,
                subjectId,
                LENDER,
                r.jsonPath().getInt("score"),
                r.jsonPath().getString("snapshotHash")),
            where);
        assertEquals(
            1,
            data.count("select count(*) from inquiry where disclosure_id = cast(?1 as uuid)", id),
            where);
        assertEquals(1, data.disclosures(subjectId), where);
      } else {
        assertEquals(403, r.statusCode(), where);
        assertTrue(r.jsonPath().getString("type").contains("consent-"), where);
        assertEquals(before, data.disclosures(subjectId), where + ": a refusal leaves none");
        assertEquals(
            before,
            data.count("select count(*) from inquiry where subject_id = ?1", subjectId),
            where);
      }
    }
  }
}

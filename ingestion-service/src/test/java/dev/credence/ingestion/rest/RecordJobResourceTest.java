package dev.credence.ingestion.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.credence.common.events.DataCategory;
import dev.credence.ingestion.service.RecordProcessor;
import dev.credence.ingestion.service.RecordProcessor.Evaluated;
import dev.credence.ingestion.service.RecordProcessor.Item;
import dev.credence.ingestion.support.Projections;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RecordJobResourceTest {
  static final String FURNISHER = "demo-furnisher";

  @Inject Projections projections;

  private static String upload(String csv, String category) {
    return given()
        .contentType("text/csv")
        .queryParam("category", category)
        .body(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .when()
        .post("/v1/record-jobs")
        .then()
        .statusCode(202)
        .header("Location", containsString("/v1/record-jobs/"))
        .body("status", equalTo("RUNNING"))
        .extract()
        .path("jobId");
  }

  /** Uploads without asserting the first status: a job that fails at once may be FAILED already. */
  private static String uploadFast(String csv, String category) {
    return given()
        .contentType("text/csv")
        .queryParam("category", category)
        .body(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .when()
        .post("/v1/record-jobs")
        .then()
        .statusCode(202)
        .extract()
        .path("jobId");
  }

  private static void awaitDone(String jobId) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !"RUNNING".equals(given().get("/v1/record-jobs/" + jobId).path("status")));
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void processesACsvUploadAndReportsRejectedLinesWithReasons() {
    String nationalId = Projections.newNationalId();
    projections.grantCollect(projections.enrolPerson(nationalId), FURNISHER, DataCategory.INCOME);
    String ok = "inc-" + UUID.randomUUID();
    String badPeriod = "inc-" + UUID.randomUUID();
    String nobody = "inc-" + UUID.randomUUID();
    String csv =
        "furnisherRecordId,identifierType,identifier,amount,currency,period,source,verifiedOn\n"
            + ok
            + ",NATIONAL_ID,"
            + nationalId
            + ",42000,EUR,ANNUAL,PAYROLL,2026-10-20\n"
            + badPeriod
            + ",NATIONAL_ID,"
            + nationalId
            + ",42000,EUR,WEEKLY,PAYROLL,2026-10-20\n"
            + nobody
            + ",NATIONAL_ID,"
            + Projections.newNationalId()
            + ",1,EUR,MONTHLY,PAYROLL,2026-10-20\n"
            + ",NATIONAL_ID,"
            + nationalId
            + ",1,EUR,MONTHLY,PAYROLL,2026-10-20\n"
            + ok
            + ",NATIONAL_ID,"
            + nationalId
            + ",42000,EUR,ANNUAL,PAYROLL,2026-10-20\n";

    String jobId = upload(csv, "INCOME");
    awaitDone(jobId);

    given()
        .get("/v1/record-jobs/" + jobId)
        .then()
        .statusCode(200)
        .body("status", equalTo("DONE"))
        .body("linesRead", equalTo(5))
        .body("accepted", equalTo(1))
        .body("duplicate", equalTo(1))
        .body("rejected", equalTo(3));
    String report =
        given()
            .get("/v1/record-jobs/" + jobId + "/rejections")
            .then()
            .statusCode(200)
            .contentType(containsString("text/csv"))
            .extract()
            .asString();
    String[] lines = report.replace("\"", "").split("\n");
    assertEquals("line,furnisherRecordId,reasonCode,message", lines[0].strip());
    assertEquals(4, lines.length, report);
    assertTrue(lines[1].startsWith("3," + badPeriod + ",SCHEMA_VIOLATION,"), lines[1]);
    assertTrue(lines[2].startsWith("4," + nobody + ",UNKNOWN_SUBJECT,"), lines[2]);
    assertTrue(lines[3].startsWith("5,,INVALID_ENVELOPE,"), lines[3]);
    assertEquals(
        1L,
        projections.countWhere(
            "select count(*) from furnished_record where furnisher_record_id = ?1", ok));
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void rejectsARowWithMoreCellsThanTheHeaderOnItsOwnAndGoesOn() {
    String nationalId = Projections.newNationalId();
    projections.grantCollect(projections.enrolPerson(nationalId), FURNISHER, DataCategory.INCOME);
    String first = "inc-" + UUID.randomUUID();
    String extra = "inc-" + UUID.randomUUID();
    String trailingComma = "inc-" + UUID.randomUUID();
    String shortRow = "inc-" + UUID.randomUUID();
    String csv =
        "furnisherRecordId,identifierType,identifier,amount,currency,period,source,verifiedOn\n"
            + first
            + ",NATIONAL_ID,"
            + nationalId
            + ",42000,EUR,ANNUAL,PAYROLL,2026-10-20\n"
            + extra
            + ",NATIONAL_ID,"
            + nationalId
            + ",42000,EUR,ANNUAL,PAYROLL,2026-10-20,surplus\n"
            + trailingComma
            + ",NATIONAL_ID,"
            + nationalId
            + ",41000,EUR,ANNUAL,PAYROLL,2026-10-20,\n"
            + shortRow
            + ",NATIONAL_ID,"
            + nationalId
            + ",40000,EUR,ANNUAL,PAYROLL\n";

    String jobId = upload(csv, "INCOME");
    awaitDone(jobId);

    given()
        .get("/v1/record-jobs/" + jobId)
        .then()
        .statusCode(200)
        .body("status", equalTo("DONE"))
        .body("error", nullValue())
        .body("linesRead", equalTo(4))
        .body("accepted", equalTo(2))
        .body("rejected", equalTo(2));
    String[] lines = rejections(jobId);
    assertEquals(3, lines.length, String.join("\n", lines));
    assertTrue(lines[1].startsWith("3,,MALFORMED_LINE,"), lines[1]);
    assertTrue(lines[1].contains("9 cells"), lines[1]);
    assertTrue(!lines[1].contains("surplus"), lines[1]);
    assertTrue(lines[2].startsWith("5," + shortRow + ",SCHEMA_VIOLATION,"), lines[2]);
    assertTrue(lines[2].contains("/verifiedOn"), lines[2]);
    assertEquals(
        2L,
        projections.countWhere(
            "select count(*) from furnished_record where furnisher_record_id in (?1, ?2)",
            first,
            trailingComma));
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void rejectsARowCarryingANulCharacterOnItsOwn() {
    String nationalId = Projections.newNationalId();
    projections.grantCollect(projections.enrolPerson(nationalId), FURNISHER, DataCategory.INCOME);
    String good = "inc-" + UUID.randomUUID();
    String csv =
        "furnisherRecordId,identifierType,identifier,amount,currency,period,source,verifiedOn\n"
            + "inc-\u0000-"
            + UUID.randomUUID()
            + ",NATIONAL_ID,"
            + nationalId
            + ",42000,EUR,ANNUAL,PAYROLL,2026-10-20\n"
            + good
            + ",NATIONAL_ID,"
            + nationalId
            + ",42000,EUR,ANNUAL,PAYROLL,2026-10-20\n";

    String jobId = upload(csv, "INCOME");
    awaitDone(jobId);

    given()
        .get("/v1/record-jobs/" + jobId)
        .then()
        .statusCode(200)
        .body("status", equalTo("DONE"))
        .body("accepted", equalTo(1))
        .body("rejected", equalTo(1));
    String[] lines = rejections(jobId);
    assertTrue(lines[1].startsWith("2,,INVALID_ENVELOPE,"), lines[1]);
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void stopsAJobAtAnUnbalancedQuoteAsInvalidCsvKeepingTheRowsBefore() {
    String nationalId = Projections.newNationalId();
    projections.grantCollect(projections.enrolPerson(nationalId), FURNISHER, DataCategory.INCOME);
    String good = "inc-" + UUID.randomUUID();
    String csv =
        "furnisherRecordId,identifierType,identifier,amount,currency,period,source,verifiedOn\n"
            + good
            + ",NATIONAL_ID,"
            + nationalId
            + ",42000,EUR,ANNUAL,PAYROLL,2026-10-20\n"
            + "\"inc-open,NATIONAL_ID,"
            + nationalId
            + ",42000,EUR,ANNUAL,PAYROLL,2026-10-20\n";

    String jobId = uploadFast(csv, "INCOME");
    awaitDone(jobId);

    given()
        .get("/v1/record-jobs/" + jobId)
        .then()
        .statusCode(200)
        .body("status", equalTo("FAILED"))
        .body("error", containsString("not valid CSV"))
        .body("accepted", equalTo(1));
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void reportsAProcessingFailureAsSuchNotAsInvalidCsv() {
    QuarkusMock.installMockForType(
        new RecordProcessor() {
          @Override
          public List<Evaluated> process(UUID batchId, String furnisherId, List<Item> items) {
            throw new PersistenceException("the database is gone");
          }
        },
        RecordProcessor.class);
    String csv =
        "furnisherRecordId,identifierType,identifier,amount,currency,period,source,verifiedOn\n"
            + "inc-"
            + UUID.randomUUID()
            + ",NATIONAL_ID,"
            + Projections.newNationalId()
            + ",42000,EUR,ANNUAL,PAYROLL,2026-10-20\n";

    String jobId = uploadFast(csv, "INCOME");
    awaitDone(jobId);

    given()
        .get("/v1/record-jobs/" + jobId)
        .then()
        .statusCode(200)
        .body("status", equalTo("FAILED"))
        .body("error", containsString("processing failed"))
        .body("error", not(containsString("not valid CSV")));
  }

  private static String[] rejections(String jobId) {
    return given()
        .get("/v1/record-jobs/" + jobId + "/rejections")
        .then()
        .statusCode(200)
        .extract()
        .asString()
        .replace("\"", "")
        .split("\n");
  }

  @Test
  @TestSecurity(user = FURNISHER, roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = FURNISHER))
  void refusesAnUploadWithAProhibitedColumnWholeAndCreatesNoJob() {
    long jobs = projections.count("record_job");
    given()
        .contentType("text/csv")
        .queryParam("category", "INCOME")
        .body(
            "furnisherRecordId,identifierType,identifier,amount,Marital_Status\nx,NATIONAL_ID,1,1,M\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .when()
        .post("/v1/record-jobs")
        .then()
        .statusCode(422)
        .body("type", equalTo("https://credence.dev/problems/prohibited-attribute"))
        .body("violations[0].field", equalTo("Marital_Status"));
    given()
        .contentType("text/csv")
        .body(
            "furnisherRecordId,identifier\nx,1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .when()
        .post("/v1/record-jobs")
        .then()
        .statusCode(400)
        .body("type", equalTo("https://credence.dev/problems/validation-failed"));
    assertEquals(jobs, projections.count("record_job"));
  }

  @Test
  @TestSecurity(user = "other-furnisher", roles = "furnisher")
  @OidcSecurity(claims = @Claim(key = "azp", value = "other-furnisher"))
  void anotherFurnishersJobIsNotFound() {
    UUID jobId = UUID.randomUUID();
    projections.rows(
        "insert into record_job (id, furnisher_id, status, created_at) values (?1,"
            + " 'demo-furnisher', 'DONE', now()) returning id",
        jobId);
    given().get("/v1/record-jobs/" + jobId).then().statusCode(404);
    given().get("/v1/record-jobs/" + jobId + "/rejections").then().statusCode(404);
  }
}

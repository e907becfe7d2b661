package dev.credence.e2e;

import static dev.credence.e2e.E2e.body;
import static dev.credence.e2e.E2e.describe;
import static dev.credence.e2e.E2e.eventually;
import static dev.credence.e2e.E2e.json;
import static dev.credence.e2e.E2e.object;
import static dev.credence.e2e.E2e.text;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A person's erasure request across the running suite: a person of its own (created in Keycloak for
 * the run and deleted after it: an erased subject id never enrols again), with a furnished record
 * and a score, asks to be erased; then ingestion holds the record only as an {@code ERASED}
 * tombstone, a lender can no longer name the person, and no Kafka client can read the person's
 * events on the records or the consent topic once the services have read them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Erasure: a person erased from every service and from the Kafka log")
class ErasureIT {
  private static final Duration PROPAGATION = Duration.ofSeconds(30);

  /** The readers commit within seconds and the trimmers look every 10 s. */
  private static final Duration LOG_TRIM = Duration.ofSeconds(90);

  private final E2eEnvironment env = new E2eEnvironment();
  private final Tokens tokens = new Tokens(env);
  private final KeycloakAdmin admin = new KeycloakAdmin(env);
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String username = "e2e-erased-" + run;
  private final String password = "e2e-" + UUID.randomUUID();
  private final String nationalId = "E2E-ERASED-" + run.toUpperCase(Locale.ROOT);

  private String subjectId;
  private String recordId;

  @BeforeAll
  void createPerson() {
    System.out.println("[e2e] erasure run " + run + " against " + env.describe());
    E2e.registerDemoGrantees(env, tokens);
    subjectId = admin.createIndividual(username, password);
  }

  @AfterAll
  void removePerson() {
    if (subjectId != null) {
      admin.deleteUser(subjectId);
    }
  }

  private String person() {
    return tokens.user(username, password);
  }

  @Test
  @Order(1)
  @DisplayName("1. the person enrols, consents, is furnished a record and scored")
  void furnishedAndScored() {
    String token = person();
    Response enrol = E2e.enrol(env.consent(), token, nationalId);
    assertEquals(201, enrol.statusCode(), "1. enrolment: " + describe(enrol));
    assertEquals(subjectId, text(body(enrol), "subjectId"), "1. the subject id is the login's");
    Response collect =
        E2e.grant(
            env.consent(),
            token,
            "demo-furnisher",
            "COLLECT",
            "FURNISHING",
            List.of("TRADELINE"),
            null);
    assertEquals(201, collect.statusCode(), "1. COLLECT consent: " + describe(collect));
    Response disclose =
        E2e.grant(
            env.consent(),
            token,
            "demo-lender",
            "DISCLOSE",
            "ACCOUNT_REVIEW",
            List.of("TRADELINE"),
            null);
    assertEquals(201, disclose.statusCode(), "1. DISCLOSE consent: " + describe(disclose));

    String furnisher = tokens.demoFurnisher();
    Response posted =
        eventually(
            "1. the record is ACCEPTED once the consent reached ingestion",
            PROPAGATION,
            () -> post(furnisher),
            r -> "ACCEPTED".equals(text(body(r).path("results").path(0), "outcome")),
            r -> r.statusCode() == 200);
    recordId = text(body(posted).path("results").path(0), "recordId");

    String lender = tokens.demoLender();
    eventually(
        "1. the person is scored once the record and consent reached scoring",
        PROPAGATION,
        () -> score(lender),
        r -> r.statusCode() == 200,
        r -> r.statusCode() == 200 || r.statusCode() == 403 || r.statusCode() == 404);
  }

  @Test
  @Order(2)
  @DisplayName("2. the person asks to be erased: a tombstone in ingestion, unknown to lenders")
  void erased() throws Exception {
    try (KafkaLog log = new KafkaLog(env.kafka)) {
      TopicPartition records = log.partitionOf("credence.records.v1", subjectId);
      TopicPartition consents = log.partitionOf("credence.consent.v1", subjectId);
      await("2. the person's events on " + records + " and " + consents)
          .atMost(PROPAGATION)
          .until(
              () ->
                  log.keys(records).contains(subjectId) && log.keys(consents).contains(subjectId));

      String token = person();
      Response asked = given(env.consent()).auth().oauth2(token).post("/v1/erasure-requests");
      assertEquals(202, asked.statusCode(), "2. erasure request: " + describe(asked));
      long askedAt = System.nanoTime();

      eventually(
          "2. ingestion keeps the record only as an ERASED tombstone",
          PROPAGATION,
          () -> given(env.ingestion()).auth().oauth2(token).get("/v1/me/records"),
          r -> "ERASED".equals(statusOf(body(r), recordId)),
          r -> r.statusCode() == 200);
      Response held = given(env.ingestion()).auth().oauth2(token).get("/v1/me/records");
      JsonNode tombstone = recordOf(body(held), recordId);
      assertTrue(
          tombstone.path("data").isEmpty(), "2. the tombstone keeps no content: " + tombstone);

      String lender = tokens.demoLender();
      Response refused =
          eventually(
              "2. a lender can no longer name the person once the erasure reached scoring",
              PROPAGATION,
              () -> score(lender),
              r -> r.statusCode() == 404,
              r -> r.statusCode() == 200 || r.statusCode() == 403 || r.statusCode() == 404);
      assertTrue(
          text(body(refused), "type").endsWith("/unknown-subject"), "2. " + describe(refused));

      // no Kafka client reads the person's events once every reader has read past them
      await("2. the person's events cut off " + records)
          .atMost(LOG_TRIM)
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> !log.keys(records).contains(subjectId));
      await("2. the person's events cut off " + consents)
          .atMost(LOG_TRIM)
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> !log.keys(consents).contains(subjectId));
      assertTrue(log.logStart(records) > 0, "2. " + records + " starts after the cut");
      assertTrue(log.logStart(consents) > 0, "2. " + consents + " starts after the cut");
      System.out.printf(
          "[e2e] 2. the person's events cut off %s and %s within %d ms of the erasure request%n",
          records, consents, (System.nanoTime() - askedAt) / 1_000_000);
    }
  }

  private Response post(String furnisherToken) {
    ObjectNode record = object();
    record.put("furnisherRecordId", "e2e-erased-" + run).put("category", "TRADELINE");
    record.putObject("subject").put("identifierType", "NATIONAL_ID").put("identifier", nationalId);
    record
        .putObject("data")
        .put("accountType", "REVOLVING")
        .put("openedOn", "2016-05-01")
        .put("creditLimit", 4000)
        .put("currentBalance", 700)
        .put("accountStatus", "11")
        .put("paymentHistoryProfile", "000000000000000000000000")
        .put("reportedOn", LocalDate.now().minusDays(1).toString());
    ObjectNode batch = object();
    batch.putArray("records").add(record);
    return given(env.ingestion())
        .auth()
        .oauth2(furnisherToken)
        .contentType(ContentType.JSON)
        .body(json(batch))
        .post("/v1/records");
  }

  private Response score(String lenderToken) {
    ObjectNode request = object().put("purpose", "ACCOUNT_REVIEW");
    request.putObject("subject").put("identifierType", "NATIONAL_ID").put("identifier", nationalId);
    return E2e.requestScore(env.scoring(), lenderToken, json(request));
  }

  private static JsonNode recordOf(JsonNode records, String recordId) {
    for (JsonNode r : records) {
      if (recordId.equals(text(r, "recordId"))) {
        return r;
      }
    }
    return object();
  }

  private static String statusOf(JsonNode records, String recordId) {
    return text(recordOf(records, recordId), "status");
  }
}

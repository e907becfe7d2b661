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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A record's life across the three services with real tokens: streamed in (a prohibited attribute
 * refused on its line), scored, corrected (the old version superseded, the score follows), disputed
 * by the person in consent-service, deleted by the furnisher, and erased when the person revokes
 * the COLLECT consent; then an organisation's public record and its compliance rating.
 *
 * <p>Uses {@code frank} (person, reserved for this suite) and {@code olivia} (officer). Every
 * furnisher record id carries a run id, and step 1 revokes what an earlier run left, so it also
 * runs against the dev stack.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(WalkingSkeletonIT.StopAfterFirstFailure.class)
@DisplayName("Record lifecycle: stream, correction, dispute, erasure, organisation rating")
class RecordLifecycleIT {
  private static final String NATIONAL_ID = "E2E-FRANK-0001";
  private static final Duration PROPAGATION = Duration.ofSeconds(30);
  private static final String RECORDS_TOPIC = "credence.records.v1";

  /**
   * The readers commit within seconds and the trimmer looks every 10 s; a reader busy with another
   * test's load may take longer.
   */
  private static final Duration LOG_TRIM = Duration.ofSeconds(90);

  private final E2eEnvironment env = new E2eEnvironment();
  private final Tokens tokens = new Tokens(env);
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  private String collectConsentId;
  private String firstRecordId;
  private String correctedRecordId;
  private String snapshotBefore;
  private String snapshotAfterCorrection;
  private String disputeId;
  private String organisationId;
  private String lei;

  @BeforeAll
  void describeTarget() {
    System.out.println("[e2e] record lifecycle run " + run + " against " + env.describe());
    E2e.registerDemoGrantees(env, tokens);
  }

  @Test
  @Order(1)
  @DisplayName("1. frank enrols and grants COLLECT (furnisher) and DISCLOSE (lender) consents")
  void frankConsents() {
    String frank = frank();
    Response enrol = E2e.enrol(env.consent(), frank, NATIONAL_ID);
    assertTrue(
        enrol.statusCode() == 200 || enrol.statusCode() == 201, "1. enrolment: " + describe(enrol));
    Response active =
        given(env.consent())
            .auth()
            .oauth2(frank)
            .queryParam("status", "ACTIVE")
            .get("/v1/consents");
    assertEquals(200, active.statusCode(), "1. list ACTIVE consents: " + describe(active));
    for (JsonNode consent : body(active)) {
      Response revoked = revoke(frank, text(consent, "id"));
      assertEquals(200, revoked.statusCode(), "1. revoke a leftover: " + describe(revoked));
    }
    Response collect =
        grant(frank, "demo-furnisher", "COLLECT", "FURNISHING", List.of("TRADELINE"), null);
    assertEquals(201, collect.statusCode(), "1. COLLECT consent: " + describe(collect));
    collectConsentId = text(body(collect), "id");
    Response disclose =
        grant(frank, "demo-lender", "DISCLOSE", "ACCOUNT_REVIEW", List.of("TRADELINE"), null);
    assertEquals(201, disclose.statusCode(), "1. DISCLOSE consent: " + describe(disclose));
  }

  @Test
  @Order(2)
  @DisplayName("2. an NDJSON stream: the good line is ACCEPTED, the prohibited attribute REJECTED")
  void streamedRecords() {
    String furnisher = tokens.demoFurnisher();
    ObjectNode good = tradeline("card-" + run, 900, LocalDate.now().minusDays(2));
    ObjectNode bad = tradeline("bad-" + run, 100, LocalDate.now().minusDays(2));
    ((ObjectNode) bad.path("data")).put("maritalStatus", "MARRIED");
    String ndjson = json(good) + "\n" + json(bad) + "\n";
    Response streamed =
        eventually(
            "2. the stream's first line should be ACCEPTED once frank's consent reached ingestion",
            PROPAGATION,
            () ->
                given(env.ingestion())
                    .auth()
                    .oauth2(furnisher)
                    .contentType("application/x-ndjson")
                    .accept("application/x-ndjson")
                    .body(ndjson.getBytes(StandardCharsets.UTF_8))
                    .post("/v1/records/stream"),
            r -> "ACCEPTED".equals(text(line(r, 0), "outcome")),
            r -> r.statusCode() == 200 && "REJECTED".equals(text(line(r, 0), "outcome")));
    firstRecordId = text(line(streamed, 0), "recordId");
    assertFalse(firstRecordId.isEmpty(), "2. recordId of line 1: " + describe(streamed));
    JsonNode refused = line(streamed, 1);
    assertEquals("REJECTED", text(refused, "outcome"), "2. line 2: " + describe(streamed));
    assertEquals("PROHIBITED_ATTRIBUTE", text(refused, "reason"), "2. " + describe(streamed));
    assertTrue(text(refused, "message").contains("maritalStatus"), "2. names the field");
    assertFalse(
        text(refused, "message").contains("MARRIED"), "2. never echoes the value it refused");
  }

  @Test
  @Order(3)
  @DisplayName("3. demo-lender scores frank for an account review")
  void scored() {
    String lender = tokens.demoLender();
    Response scored =
        eventually(
            "3. frank's score once the record and consent reached scoring",
            PROPAGATION,
            () -> score(lender, "NATIONAL_ID", NATIONAL_ID),
            r -> r.statusCode() == 200 && !text(body(r), "snapshotHash").isEmpty(),
            r -> r.statusCode() == 403 || r.statusCode() == 404 || r.statusCode() == 200);
    snapshotBefore = text(body(scored), "snapshotHash");
  }

  @Test
  @Order(4)
  @DisplayName(
      "4. a correction supersedes the old version, a replay is DUPLICATE, the score follows")
  void correction() {
    String furnisher = tokens.demoFurnisher();
    ObjectNode corrected = tradeline("card-" + run, 3900, LocalDate.now().minusDays(1));
    Response first = post(furnisher, corrected);
    JsonNode result = body(first).path("results").path(0);
    assertEquals("SUPERSEDED", text(result, "outcome"), "4. correction: " + describe(first));
    assertEquals(firstRecordId, text(result, "supersedes"), "4. supersedes the streamed record");
    correctedRecordId = text(result, "recordId");
    Response replay = post(furnisher, corrected);
    assertEquals(
        "DUPLICATE",
        text(body(replay).path("results").path(0), "outcome"),
        "4. replay: " + describe(replay));

    Response mine = myRecords();
    assertEquals("SUPERSEDED", status(mine, firstRecordId), "4. old version: " + describe(mine));
    assertEquals("ACTIVE", status(mine, correctedRecordId), "4. new version: " + describe(mine));

    String lender = tokens.demoLender();
    Response rescored =
        eventually(
            "4. scoring should use the corrected balance (a new feature snapshot)",
            PROPAGATION,
            () -> score(lender, "NATIONAL_ID", NATIONAL_ID),
            r -> r.statusCode() == 200 && !snapshotBefore.equals(text(body(r), "snapshotHash")),
            r -> r.statusCode() == 200);
    snapshotAfterCorrection = text(body(rescored), "snapshotHash");
  }

  @Test
  @Order(5)
  @DisplayName("5. frank disputes the record in consent-service; the furnisher sees it OPEN")
  void dispute() {
    Response opened =
        given(env.consent())
            .auth()
            .oauth2(frank())
            .contentType(ContentType.JSON)
            .body(
                json(
                    object()
                        .put("recordId", correctedRecordId)
                        .put("reason", "e2e " + run + ": this balance is not mine")))
            .post("/v1/disputes");
    assertEquals(201, opened.statusCode(), "5. open a dispute: " + describe(opened));
    disputeId = text(body(opened), "id");
    String furnisher = tokens.demoFurnisher();
    Response open =
        eventually(
            "5. the dispute should reach the furnisher's open disputes",
            PROPAGATION,
            () ->
                given(env.ingestion())
                    .auth()
                    .oauth2(furnisher)
                    .queryParam("status", "OPEN")
                    .get("/v1/disputes"),
            r -> findByField(body(r), "recordId", correctedRecordId) != null,
            r -> r.statusCode() == 200);
    JsonNode dispute = findByField(body(open), "recordId", correctedRecordId);
    Response deleted =
        given(env.ingestion())
            .auth()
            .oauth2(furnisher)
            .contentType(ContentType.JSON)
            .body("{}")
            .post("/v1/disputes/{id}/delete", text(dispute, "disputeId"));
    assertEquals(200, deleted.statusCode(), "5. the furnisher deletes: " + describe(deleted));
  }

  @Test
  @Order(6)
  @DisplayName("6. the deletion reaches frank's dispute, her records and her score")
  void deletionPropagates() {
    String frank = frank();
    eventually(
        "6. frank's dispute should end DELETED",
        PROPAGATION,
        () -> given(env.consent()).auth().oauth2(frank).get("/v1/disputes/{id}", disputeId),
        r -> "DELETED".equals(text(body(r), "status")),
        r -> r.statusCode() == 200);
    Response mine = myRecords();
    assertEquals("DELETED", status(mine, correctedRecordId), "6. record: " + describe(mine));
    String lender = tokens.demoLender();
    eventually(
        "6. scoring should stop counting the deleted record",
        PROPAGATION,
        () -> score(lender, "NATIONAL_ID", NATIONAL_ID),
        r ->
            r.statusCode() == 200 && !snapshotAfterCorrection.equals(text(body(r), "snapshotHash")),
        r -> r.statusCode() == 200);
  }

  @Test
  @Order(7)
  @DisplayName(
      "7. revoking COLLECT erases demo-furnisher's records of frank, and cuts them off Kafka")
  void revocationErases() throws Exception {
    String furnisher = tokens.demoFurnisher();
    Response posted = post(furnisher, tradeline("loan-" + run, 1200, LocalDate.now()));
    JsonNode result = body(posted).path("results").path(0);
    assertEquals("ACCEPTED", text(result, "outcome"), "7. a second record: " + describe(posted));
    String recordId = text(result, "recordId");
    String frankId = subjectOf(frank());
    try (KafkaLog log = new KafkaLog(env.kafka)) {
      TopicPartition partition = log.partitionOf(RECORDS_TOPIC, frankId);
      // the relay puts the accepted record on the topic within moments
      await("7. frank's records on " + partition)
          .atMost(PROPAGATION)
          .until(() -> log.keys(partition).contains(frankId));

      Response revoked = revoke(frank(), collectConsentId);
      assertEquals(200, revoked.statusCode(), "7. revoke COLLECT: " + describe(revoked));
      long revokedAt = System.nanoTime();
      eventually(
          "7. the record should be ERASED once the revocation reached ingestion",
          PROPAGATION,
          this::myRecords,
          r -> "ERASED".equals(status(r, recordId)),
          r -> r.statusCode() == 200);
      // and no Kafka client can read frank's events any more once scoring and consent-service
      // have read past them: ingestion cuts the partition in front of them (LogTrimmer, every 10 s)
      await("7. frank's events cut off " + partition)
          .atMost(LOG_TRIM)
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> !log.keys(partition).contains(frankId));
      assertTrue(log.logStart(partition) > 0, "7. the partition starts after the cut");
      System.out.printf(
          "[e2e] 7. frank's events cut off %s %d ms after the revoke call%n",
          partition, (System.nanoTime() - revokedAt) / 1_000_000);
    }
    Response after = post(furnisher, tradeline("late-" + run, 50, LocalDate.now()));
    JsonNode late = body(after).path("results").path(0);
    assertEquals("REJECTED", text(late, "outcome"), "7. no new record: " + describe(after));
    assertEquals("CONSENT_REQUIRED", text(late.path("reason"), "code"), "7. " + describe(after));
  }

  @Test
  @Order(8)
  @DisplayName("8. an organisation: registered, public records furnished, rated for a lender")
  void organisationRating() {
    String operator = tokens.client("demo-operator", "local-demo-operator-secret");
    lei = randomLei();
    Response registered =
        given(env.consent())
            .auth()
            .oauth2(operator)
            .contentType(ContentType.JSON)
            .body(
                json(
                    object()
                        .put("legalName", "E2E Widgets " + run)
                        .put("country", "DE")
                        .put("lei", lei)))
            .post("/v1/organisations");
    assertEquals(201, registered.statusCode(), "8. register: " + describe(registered));
    organisationId = text(body(registered), "subjectId");

    String olivia = tokens.user("olivia", "olivia-local-demo");
    Response linked =
        given(env.consent())
            .auth()
            .oauth2(operator)
            .contentType(ContentType.JSON)
            .body(json(object().put("officerSubjectId", subjectOf(olivia))))
            .post("/v1/organisations/{id}/officers", organisationId);
    assertTrue(
        linked.statusCode() == 200 || linked.statusCode() == 201 || linked.statusCode() == 204,
        "8. link olivia as officer: " + describe(linked));

    ObjectNode penalty = object();
    penalty.put("furnisherRecordId", "penalty-" + run).put("category", "REGULATORY_PENALTY");
    penalty.putObject("subject").put("identifierType", "LEI").put("identifier", lei);
    penalty
        .putObject("data")
        .put("domain", "ENVIRONMENT")
        .put("severity", "MAJOR")
        .put("amount", 25000)
        .put("currency", "EUR")
        .put("imposedOn", LocalDate.now().minusMonths(3).toString())
        .put("resolved", false)
        .put("authority", "Federal Environment Agency")
        .put("legalBasis", "PUBLIC_REGISTER");
    String furnisher = tokens.demoFurnisher();
    eventually(
        "8. the penalty should be ACCEPTED without consent once the organisation reached ingestion",
        PROPAGATION,
        () -> post(furnisher, penalty),
        r -> "ACCEPTED".equals(text(body(r).path("results").path(0), "outcome")),
        r -> "REJECTED".equals(text(body(r).path("results").path(0), "outcome")));

    ObjectNode tax = object();
    tax.put("furnisherRecordId", "tax-" + run).put("category", "TAX_COMPLIANCE");
    tax.putObject("subject").put("identifierType", "LEI").put("identifier", lei);
    tax.putObject("data")
        .put("status", "COMPLIANT")
        .put("periodEnd", LocalDate.now().minusMonths(2).toString())
        .put("legalBasis", "PUBLIC_REGISTER");
    Response taxed = post(furnisher, tax);
    assertEquals(
        "ACCEPTED",
        text(body(taxed).path("results").path(0), "outcome"),
        "8. a tax-compliance record (the rating's minimum data): " + describe(taxed));

    String lender = tokens.demoLender();
    Response refused = score(lender, "LEI", lei);
    assertTrue(
        refused.statusCode() == 403 || refused.statusCode() == 404,
        "8. no rating without the organisation's consent: " + describe(refused));

    Response granted =
        grant(
            olivia,
            "demo-lender",
            "DISCLOSE",
            "ACCOUNT_REVIEW",
            List.of("REGULATORY_PENALTY", "TAX_COMPLIANCE"),
            organisationId);
    assertEquals(201, granted.statusCode(), "8. olivia grants for her org: " + describe(granted));

    Response rated =
        eventually(
            "8. demo-lender should obtain the organisation's rating",
            PROPAGATION,
            () -> score(lender, "LEI", lei),
            r -> r.statusCode() == 200,
            r -> r.statusCode() == 403 || r.statusCode() == 404);
    JsonNode rating = body(rated);
    assertEquals("ORGANISATION", text(rating, "subjectType"), "8. " + describe(rated));
    int compliance = rating.path("organisation").path("complianceRating").asInt(-1);
    assertTrue(
        compliance >= 0 && compliance < 100, "8. the penalty costs points: " + describe(rated));
    assertNotEquals("A", text(rating.path("organisation"), "grade"), "8. " + describe(rated));
    assertTrue(
        rating.path("organisation").path("deductions").size() >= 1,
        "8. the record that cost points is named: " + describe(rated));

    // the officer sees the same rating herself (the link reached scoring as an event); it is no
    // disclosure
    Response own =
        eventually(
            "8. olivia should see her organisation's own rating",
            PROPAGATION,
            () ->
                given(env.scoring())
                    .auth()
                    .oauth2(olivia)
                    .header("Credence-Organisation", organisationId)
                    .get("/v1/me/organisation-rating"),
            r -> r.statusCode() == 200,
            r -> r.statusCode() == 403);
    JsonNode mine = body(own);
    assertEquals(compliance, mine.path("score").asInt(-1), "8. same rating: " + describe(own));
    assertEquals(
        text(rating.path("organisation"), "grade"), text(mine, "grade"), "8. " + describe(own));
    assertEquals(
        rating.path("organisation").path("deductions").size(),
        mine.path("organisation").path("deductions").size(),
        "8. the same deductions: " + describe(own));
  }

  // ---------------------------------------------------------------------------------------------

  private String frank() {
    return tokens.user("frank", "frank-local-demo");
  }

  private ObjectNode tradeline(String id, int balance, LocalDate reportedOn) {
    ObjectNode record = object();
    record.put("furnisherRecordId", "e2e-frank-" + id).put("category", "TRADELINE");
    record.putObject("subject").put("identifierType", "NATIONAL_ID").put("identifier", NATIONAL_ID);
    record
        .putObject("data")
        .put("accountType", "REVOLVING")
        .put("openedOn", "2015-03-01")
        .put("creditLimit", 5000)
        .put("currentBalance", balance)
        .put("accountStatus", "11")
        .put("paymentHistoryProfile", "000000000000000000000000")
        .put("reportedOn", reportedOn.toString());
    return record;
  }

  private Response post(String furnisherToken, ObjectNode record) {
    ObjectNode batch = object();
    batch.putArray("records").add(record);
    Response response =
        given(env.ingestion())
            .auth()
            .oauth2(furnisherToken)
            .contentType(ContentType.JSON)
            .body(json(batch))
            .post("/v1/records");
    assertEquals(200, response.statusCode(), "POST /v1/records: " + describe(response));
    return response;
  }

  private Response myRecords() {
    Response response = given(env.ingestion()).auth().oauth2(frank()).get("/v1/me/records");
    assertEquals(200, response.statusCode(), "GET /v1/me/records: " + describe(response));
    return response;
  }

  private static String status(Response records, String recordId) {
    JsonNode record = findByField(body(records), "recordId", recordId);
    return record == null ? "(absent)" : text(record, "status");
  }

  private static JsonNode findByField(JsonNode array, String field, String value) {
    return StreamSupport.stream(array.spliterator(), false)
        .filter(n -> value.equals(text(n, field)))
        .findFirst()
        .orElse(null);
  }

  private static JsonNode line(Response ndjson, int index) {
    List<JsonNode> lines = new ArrayList<>();
    for (String l : ndjson.asString().split("\n")) {
      if (!l.isBlank()) {
        lines.add(E2e.parse(l));
      }
    }
    return index < lines.size() ? lines.get(index) : object();
  }

  private Response score(String lenderToken, String identifierType, String identifier) {
    ObjectNode request = object().put("purpose", "ACCOUNT_REVIEW");
    request
        .putObject("subject")
        .put("identifierType", identifierType)
        .put("identifier", identifier);
    return E2e.requestScore(env.scoring(), lenderToken, json(request));
  }

  private Response grant(
      String token,
      String grantee,
      String direction,
      String purpose,
      List<String> categories,
      String organisationId) {
    return E2e.grant(env.consent(), token, grantee, direction, purpose, categories, organisationId);
  }

  private Response revoke(String token, String consentId) {
    return E2e.revoke(env.consent(), token, consentId, "e2e run " + run);
  }

  /** The subject id Credence gives a token's holder: its subject_id claim, else sub. */
  private static String subjectOf(String token) {
    String payload = token.split("\\.")[1];
    JsonNode claims =
        E2e.parse(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
    String subjectId = text(claims, "subject_id");
    return subjectId.isEmpty() ? text(claims, "sub") : subjectId;
  }

  /** A syntactically valid LEI (ISO 17442: 18 characters and two MOD 97-10 check digits). */
  private static String randomLei() {
    String prefix =
        ("E2E0" + UUID.randomUUID().toString().replace("-", ""))
            .substring(0, 18)
            .toUpperCase(Locale.ROOT);
    StringBuilder digits = new StringBuilder();
    for (char c : (prefix + "00").toCharArray()) {
      digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
    }
    int check = 98 - new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue();
    return prefix + String.format("%02d", check);
  }
}

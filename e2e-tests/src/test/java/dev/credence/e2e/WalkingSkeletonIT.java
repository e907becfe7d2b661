package dev.credence.e2e;

import static dev.credence.e2e.E2e.PROBLEM_JSON;
import static dev.credence.e2e.E2e.assertProblem;
import static dev.credence.e2e.E2e.body;
import static dev.credence.e2e.E2e.contentType;
import static dev.credence.e2e.E2e.describe;
import static dev.credence.e2e.E2e.eventually;
import static dev.credence.e2e.E2e.json;
import static dev.credence.e2e.E2e.object;
import static dev.credence.e2e.E2e.text;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The walking skeleton, end to end through the running suite with real tokens: consent comes first,
 * data second; a lender sees a score only with the subject's DISCLOSE consent, and loses it when
 * the subject revokes. The steps build on each other and run in order; after a failed step the
 * remaining ones are skipped.
 *
 * <p>Uses the demo user {@code erin}, reserved for these tests, so it can also run repeatedly
 * against the dev stack: step 1 revokes whatever consents an earlier run left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(WalkingSkeletonIT.StopAfterFirstFailure.class)
@DisplayName("Walking skeleton: consent, ingestion, scoring, revocation")
class WalkingSkeletonIT {
  private static final String ERIN_NATIONAL_ID = "E2E-ERIN-0001";

  private final E2eEnvironment env = new E2eEnvironment();
  private final Tokens tokens = new Tokens(env);
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private int recordSequence;

  private boolean revokedEarlierCollect;
  private boolean revokedEarlierDisclose;
  private String discloseConsentId;
  private String lastDisclosureId;

  @BeforeAll
  void describeTarget() {
    System.out.println("[e2e] run " + run + " against " + env.describe());
    E2e.registerDemoGrantees(env, tokens);
  }

  @Test
  @Order(1)
  @DisplayName("1. erin enrolls; consents left by earlier runs are revoked")
  void erinEnrolls() {
    String erin = tokens.erin();
    Response enrol = E2e.enrol(env.consent(), erin, ERIN_NATIONAL_ID);
    assertTrue(
        enrol.statusCode() == 200 || enrol.statusCode() == 201,
        "1. erin's enrolment PUT /v1/subjects/me should answer 200 or 201; got " + describe(enrol));
    assertFalse(
        text(body(enrol), "subjectId").isEmpty(),
        "1. the enrolment answer should carry erin's subjectId; got " + describe(enrol));

    Response active =
        given(env.consent()).auth().oauth2(erin).queryParam("status", "ACTIVE").get("/v1/consents");
    assertEquals(
        200,
        active.statusCode(),
        "1. erin should be able to list her ACTIVE consents; got " + describe(active));
    for (JsonNode consent : body(active)) {
      String id = text(consent, "id");
      Response revoked = revoke(erin, id, "e2e run " + run + ": clean up an earlier run");
      assertEquals(
          200,
          revoked.statusCode(),
          "1. revoking leftover consent " + id + ": " + describe(revoked));
      assertEquals(
          "REVOKED",
          text(body(revoked), "status"),
          "1. a revoked leftover consent should be REVOKED; got " + describe(revoked));
      if ("COLLECT".equals(text(consent, "direction"))) {
        revokedEarlierCollect = true;
      } else if ("DISCLOSE".equals(text(consent, "direction"))) {
        revokedEarlierDisclose = true;
      }
    }
  }

  @Test
  @Order(2)
  @DisplayName("2. a record for erin without her COLLECT consent is rejected: CONSENT_REQUIRED")
  void recordWithoutConsentIsRejected() {
    String furnisher = tokens.demoFurnisher();
    // Enrolment (and, on a rerun, the revocation of step 1) reach ingestion through Kafka; until
    // then ingestion may not know erin yet, or still hold the revoked consent.
    Response response =
        eventually(
            "2. a record without COLLECT consent should be REJECTED with CONSENT_REQUIRED",
            Duration.ofSeconds(20),
            () -> postTradeline(furnisher),
            r -> outcome(r).equals("REJECTED") && reasonCode(r).equals("CONSENT_REQUIRED"),
            r ->
                reasonCode(r).equals("UNKNOWN_SUBJECT")
                    || (revokedEarlierCollect && outcome(r).equals("ACCEPTED")));
    assertEquals("REJECTED", outcome(response), "2. outcome of the record: " + describe(response));
  }

  @Test
  @Order(3)
  @DisplayName("3. after erin grants COLLECT to demo-furnisher, its record is ACCEPTED")
  void recordWithConsentIsAccepted() {
    Response granted =
        grant(tokens.erin(), "demo-furnisher", "COLLECT", "FURNISHING", List.of("TRADELINE"));
    assertEquals(
        201, granted.statusCode(), "3. granting COLLECT to demo-furnisher: " + describe(granted));
    assertEquals(
        "ACTIVE",
        text(body(granted), "status"),
        "3. a granted consent should be ACTIVE at once: " + describe(granted));

    String furnisher = tokens.demoFurnisher();
    Response accepted =
        eventually(
            "3. the furnisher's record should be ACCEPTED once the consent reached ingestion",
            Duration.ofSeconds(20),
            () -> postTradeline(furnisher),
            r -> outcome(r).equals("ACCEPTED"),
            r ->
                outcome(r).equals("REJECTED")
                    && List.of("CONSENT_REQUIRED", "UNKNOWN_SUBJECT").contains(reasonCode(r)));
    assertEquals("ACCEPTED", outcome(accepted), "3. outcome: " + describe(accepted));
  }

  @Test
  @Order(4)
  @DisplayName("4. demo-lender gets no score without erin's DISCLOSE consent: 403")
  void noScoreWithoutDisclosure() {
    String lender = tokens.demoLender();
    Response refused =
        revokedEarlierDisclose
            // the revocation of step 1 reaches scoring asynchronously
            ? eventually(
                "4. a score without DISCLOSE consent should be refused",
                Duration.ofSeconds(5),
                () -> requestScore(lender),
                r -> r.statusCode() == 403,
                r -> r.statusCode() == 200)
            : requestScore(lender);
    assertProblem(refused, 403, "/consent-required", "4. score without a DISCLOSE consent");
  }

  @Test
  @Order(5)
  @DisplayName("5. with DISCLOSE consent demo-lender gets a score and sees only its disclosure")
  void scoreWithDisclosure() {
    Response granted =
        grant(
            tokens.erin(),
            "demo-lender",
            "DISCLOSE",
            "CREDIT_APPLICATION",
            List.of("TRADELINE", "PAYMENT"));
    assertEquals(
        201, granted.statusCode(), "5. granting DISCLOSE to demo-lender: " + describe(granted));
    discloseConsentId = text(body(granted), "id");
    assertFalse(discloseConsentId.isEmpty(), "5. the granted consent's id: " + describe(granted));

    String lender = tokens.demoLender();
    Response scored =
        eventually(
            "5. demo-lender should obtain erin's score once consent and record reached scoring",
            Duration.ofSeconds(20),
            () -> requestScore(lender),
            r -> r.statusCode() == 200 && body(r).path("score").isNumber(),
            r -> r.statusCode() == 403 || r.statusCode() == 200);
    JsonNode score = body(scored);
    int value = score.path("score").asInt();
    assertTrue(
        value >= 300 && value <= 850,
        "5. a person's score is within 300..850: " + describe(scored));
    assertFalse(text(score.path("model"), "id").isEmpty(), "5. model.id: " + describe(scored));
    assertFalse(
        text(score.path("model"), "version").isEmpty(), "5. model.version: " + describe(scored));
    assertTrue(score.path("reasonCodes").isArray(), "5. reasonCodes list: " + describe(scored));
    String disclosureId = text(score, "disclosureId");
    assertFalse(disclosureId.isEmpty(), "5. disclosureId: " + describe(scored));
    lastDisclosureId = disclosureId;

    Response own =
        given(env.scoring()).auth().oauth2(lender).get("/v1/disclosures/{id}", disclosureId);
    assertEquals(
        200, own.statusCode(), "5. demo-lender reads its own disclosure: " + describe(own));

    Response foreign =
        given(env.scoring())
            .auth()
            .oauth2(tokens.otherLender())
            .get("/v1/disclosures/{id}", disclosureId);
    assertEquals(
        404,
        foreign.statusCode(),
        "5. other-lender must not learn about demo-lender's disclosure (404): "
            + describe(foreign));
  }

  @Test
  @Order(6)
  @DisplayName("6. other-lender, without a consent of its own, gets 403")
  void otherLenderHasNoConsent() {
    assertProblem(
        requestScore(tokens.otherLender()),
        403,
        "/consent-required",
        "6. other-lender asking for erin's score");
  }

  @Test
  @Order(7)
  @DisplayName("7. erin revokes DISCLOSE: demo-lender is refused again within 5 s")
  void revocationStopsDisclosure() {
    Response revoked =
        revoke(tokens.erin(), discloseConsentId, "e2e run " + run + ": revocation test");
    assertEquals(200, revoked.statusCode(), "7. erin revokes DISCLOSE: " + describe(revoked));
    assertEquals(
        "REVOKED", text(body(revoked), "status"), "7. consent status: " + describe(revoked));

    String lender = tokens.demoLender();
    Response refused =
        eventually(
            "7. after the revocation demo-lender should be refused",
            Duration.ofSeconds(5),
            () -> requestScore(lender),
            r -> r.statusCode() == 403,
            r -> r.statusCode() == 200);
    assertProblem(refused, 403, "/consent-required", "7. score after revocation");
  }

  @Test
  @Order(8)
  @DisplayName(
      "8. no token or a malformed one: 401 on every service; a furnisher token on /v1/scores: 403")
  void scoresNeedALenderToken() {
    Response anonymous =
        given(env.scoring()).contentType(ContentType.JSON).body(scoreRequest()).post("/v1/scores");
    assertEquals(401, anonymous.statusCode(), "8. no token: " + describe(anonymous));
    assertTrue(
        contentType(anonymous).startsWith(PROBLEM_JSON),
        "8. a 401 is application/problem+json: " + describe(anonymous));

    // Quarkus OIDC answered these with a 500 (common/security/MalformedBearerToken)
    for (String malformed : List.of("Bearer ...", "Bearer a..c", "Bearer a.b.c.d")) {
      Response scoring =
          given(env.scoring())
              .header("Authorization", malformed)
              .contentType(ContentType.JSON)
              .body(scoreRequest())
              .post("/v1/scores");
      assertProblem(scoring, 401, "/unauthorized", "8. scoring, " + malformed);
      Response consent =
          given(env.consent()).header("Authorization", malformed).get("/v1/consents");
      assertProblem(consent, 401, "/unauthorized", "8. consent, " + malformed);
      Response ingestion =
          given(env.ingestion())
              .header("Authorization", malformed)
              .contentType(ContentType.JSON)
              .body("{}")
              .post("/v1/records");
      assertProblem(ingestion, 401, "/unauthorized", "8. ingestion, " + malformed);
    }

    Response furnisher = requestScore(tokens.demoFurnisher());
    assertEquals(
        403, furnisher.statusCode(), "8. furnisher token on /v1/scores: " + describe(furnisher));
    assertTrue(
        contentType(furnisher).startsWith(PROBLEM_JSON),
        "8. a 403 is application/problem+json: " + describe(furnisher));
  }

  @Test
  @Order(9)
  @DisplayName("9. erin sees demo-lender's disclosure in her access log; the chain verifies")
  void disclosureReachesTheAccessLog() {
    String erin = tokens.erin();
    Response log =
        eventually(
            "9. the disclosure of step 5 should reach erin's access log (scoring -> Kafka -> consent)",
            Duration.ofSeconds(10),
            () -> given(env.consent()).auth().oauth2(erin).get("/v1/access-log"),
            r -> r.statusCode() == 200 && containsDisclosure(r, lastDisclosureId),
            r -> r.statusCode() == 200);
    for (JsonNode entry : body(log)) {
      if (lastDisclosureId.equals(text(entry, "disclosureId"))) {
        assertEquals("demo-lender", text(entry, "lenderId"), "9. who obtained it: " + entry);
        assertEquals("Demo Bank", entry.path("lender").path("name").asText(), "9. named: " + entry);
        assertFalse(
            entry.path("lender").path("phone").asText().isEmpty(),
            "9. with the telephone number it registered: " + entry);
        assertTrue(entry.path("score").isInt(), "9. and the score it was given: " + entry);
        assertEquals("CREDIT_APPLICATION", text(entry, "purpose"), "9. for what: " + entry);
        assertEquals(
            discloseConsentId, text(entry, "consentId"), "9. under which consent: " + entry);
      }
    }
    Response otherLendersView =
        given(env.consent()).auth().oauth2(tokens.otherLender()).get("/v1/access-log");
    assertEquals(
        200, otherLendersView.statusCode(), "9. other-lender's log: " + describe(otherLendersView));
    assertFalse(
        containsDisclosure(otherLendersView, lastDisclosureId),
        "9. other-lender must not see demo-lender's disclosure: " + describe(otherLendersView));

    Response verdict =
        given(env.consent())
            .auth()
            .oauth2(tokens.client("demo-auditor", "local-demo-auditor-secret"))
            .get("/v1/access-log/verify");
    assertEquals(200, verdict.statusCode(), "9. auditor verifies the chain: " + describe(verdict));
    assertTrue(body(verdict).path("valid").asBoolean(), "9. chain intact: " + describe(verdict));
  }

  @Test
  @Order(10)
  @DisplayName(
      "10. other-lender requests consent, erin approves, other-lender is scored, erin revokes")
  void lenderRequestApproveScoreRevoke() {
    ObjectNode request = object().put("purpose", "TENANT_SCREENING");
    request
        .putObject("subject")
        .put("identifierType", "NATIONAL_ID")
        .put("identifier", ERIN_NATIONAL_ID);
    request.putArray("categories").add("TRADELINE");
    String lender = tokens.otherLender();
    Response requested =
        given(env.consent())
            .auth()
            .oauth2(lender)
            .contentType(ContentType.JSON)
            .body(json(request))
            .post("/v1/consent-requests");
    assertEquals(201, requested.statusCode(), "10. other-lender's request: " + describe(requested));
    assertEquals("PENDING", text(body(requested), "status"), "10. pending: " + describe(requested));
    String consentId = text(body(requested), "id");

    Response pendingScore = requestScore(lender, "TENANT_SCREENING");
    assertProblem(
        pendingScore, 403, "/consent-required", "10. a PENDING request discloses nothing");

    String erin = tokens.erin();
    Response pending =
        given(env.consent())
            .auth()
            .oauth2(erin)
            .queryParam("status", "PENDING")
            .get("/v1/consents");
    assertTrue(
        pending.asString().contains(consentId),
        "10. erin sees the pending request: " + describe(pending));
    Response approved =
        given(env.consent()).auth().oauth2(erin).post("/v1/consents/{id}/approve", consentId);
    assertEquals(200, approved.statusCode(), "10. erin approves: " + describe(approved));
    assertEquals("ACTIVE", text(body(approved), "status"), "10. active: " + describe(approved));

    Response scored =
        eventually(
            "10. other-lender should be scored once the approval reached scoring",
            Duration.ofSeconds(10),
            () -> requestScore(lender, "TENANT_SCREENING"),
            r -> r.statusCode() == 200,
            r -> r.statusCode() == 403);
    assertEquals(
        consentId, text(body(scored), "consentId"), "10. scored under the approved consent");

    Response revoked = revoke(erin, consentId, "e2e run " + run + ": tenant screening done");
    assertEquals(200, revoked.statusCode(), "10. erin revokes: " + describe(revoked));
    Response refused =
        eventually(
            "10. after the revocation other-lender should be refused",
            Duration.ofSeconds(5),
            () -> requestScore(lender, "TENANT_SCREENING"),
            r -> r.statusCode() == 403,
            r -> r.statusCode() == 200);
    assertProblem(refused, 403, "/consent-required", "10. score after revocation");
  }

  private static boolean containsDisclosure(Response log, String disclosureId) {
    for (JsonNode entry : body(log)) {
      if (disclosureId.equals(text(entry, "disclosureId"))) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------------------------------------
  // API calls

  private Response grant(
      String token, String grantee, String direction, String purpose, List<String> categories) {
    return E2e.grant(env.consent(), token, grantee, direction, purpose, categories, null);
  }

  private Response revoke(String token, String consentId, String reason) {
    return E2e.revoke(env.consent(), token, consentId, reason);
  }

  /** One TRADELINE record for erin, with a furnisher record id unique to this run and attempt. */
  private Response postTradeline(String furnisherToken) {
    ObjectNode record = object();
    record.put("furnisherRecordId", "e2e-erin-card-" + run + "-" + ++recordSequence);
    record.put("category", "TRADELINE");
    record
        .putObject("subject")
        .put("identifierType", "NATIONAL_ID")
        .put("identifier", ERIN_NATIONAL_ID);
    record
        .putObject("data")
        .put("accountType", "REVOLVING")
        .put("openedOn", "2018-05-01")
        .put("creditLimit", 4000)
        .put("currentBalance", 800)
        .put("accountStatus", "11")
        .put("paymentHistoryProfile", "000000000000000000000000")
        .put("reportedOn", LocalDate.now().toString());
    ObjectNode batch = object();
    batch.putArray("records").add(record);
    Response response =
        given(env.ingestion())
            .auth()
            .oauth2(furnisherToken)
            .contentType(ContentType.JSON)
            .body(json(batch))
            .post("/v1/records");
    assertEquals(
        200, response.statusCode(), "POST /v1/records should answer 200: " + describe(response));
    return response;
  }

  private Response requestScore(String lenderToken) {
    return E2e.requestScore(env.scoring(), lenderToken, scoreRequest());
  }

  private Response requestScore(String lenderToken, String purpose) {
    return E2e.requestScore(env.scoring(), lenderToken, scoreRequest(purpose));
  }

  private static String scoreRequest() {
    return scoreRequest("CREDIT_APPLICATION");
  }

  private static String scoreRequest(String purpose) {
    ObjectNode request = object().put("purpose", purpose);
    request
        .putObject("subject")
        .put("identifierType", "NATIONAL_ID")
        .put("identifier", ERIN_NATIONAL_ID);
    return json(request);
  }

  // ---------------------------------------------------------------------------------------------
  // assertions and helpers

  private static String outcome(Response records) {
    return text(body(records).path("results").path(0), "outcome");
  }

  private static String reasonCode(Response records) {
    return text(body(records).path("results").path(0).path("reason"), "code");
  }

  /** Skips the remaining steps once one failed: they build on each other. */
  static final class StopAfterFirstFailure implements TestWatcher, ExecutionCondition {
    private static final ExtensionContext.Namespace NAMESPACE =
        ExtensionContext.Namespace.create(StopAfterFirstFailure.class);

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
      context
          .getParent()
          .ifPresent(c -> c.getStore(NAMESPACE).put("failed", context.getDisplayName()));
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      if (context.getTestMethod().isEmpty()) {
        return ConditionEvaluationResult.enabled("class");
      }
      String failed =
          context
              .getParent()
              .map(c -> c.getStore(NAMESPACE).get("failed", String.class))
              .orElse(null);
      return failed == null
          ? ConditionEvaluationResult.enabled("no earlier step failed")
          : ConditionEvaluationResult.disabled("skipped: an earlier step failed (" + failed + ")");
    }
  }
}

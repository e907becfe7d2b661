package dev.credence.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;

/** Assertions and JSON helpers shared by the end-to-end suites. */
final class E2e {
  static final String PROBLEM_JSON = "application/problem+json";
  static final ObjectMapper JSON = new ObjectMapper();

  private E2e() {}

  /**
   * Polls {@code call} until {@code done}; an answer that is neither done nor an expected
   * intermediate state ({@code keepTrying}) fails at once.
   */
  static Response eventually(
      String step,
      Duration timeout,
      Supplier<Response> call,
      Predicate<Response> done,
      Predicate<Response> keepTrying) {
    AtomicReference<Response> last = new AtomicReference<>();
    try {
      await(step)
          .atMost(timeout)
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                Response response = call.get();
                last.set(response);
                if (done.test(response)) {
                  return true;
                }
                if (!keepTrying.test(response)) {
                  throw new AssertionError(step + "; unexpected answer: " + describe(response));
                }
                return false;
              });
    } catch (ConditionTimeoutException e) {
      fail(
          step
              + "; not within "
              + timeout.toSeconds()
              + " s. Last answer: "
              + describe(last.get()));
    }
    return last.get();
  }

  /** How long a score call goes on through scoring's fail-closed 503 before giving its answer. */
  static final Duration FAIL_CLOSED_PATIENCE = Duration.ofSeconds(15);

  /**
   * Calls scoring's lender API as a client should: scoring fails closed with 503 {@code
   * consent-state-unavailable} and {@code Retry-After} while consent-service's heartbeats are late
   * (a loaded CI machine once saw one arrive 1,356 ms late against the 1,000 ms limit), so the call
   * is repeated after the advised delay, for at most {@link #FAIL_CLOSED_PATIENCE}. Any other
   * answer, or the last 503, is returned as is.
   */
  static Response retryingWhileConsentStateUnavailable(Supplier<Response> call) {
    long deadline = System.nanoTime() + FAIL_CLOSED_PATIENCE.toNanos();
    Response response = call.get();
    while (consentStateUnavailable(response) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(retryAfter(response).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return response;
      }
      response = call.get();
    }
    return response;
  }

  /** {@code POST /v1/scores} as a lender, through scoring's fail-closed 503 (above). */
  static Response requestScore(RequestSpecification scoring, String lenderToken, String body) {
    return retryingWhileConsentStateUnavailable(
        () ->
            given(scoring)
                .auth()
                .oauth2(lenderToken)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/scores"));
  }

  static boolean consentStateUnavailable(Response response) {
    return response.statusCode() == 503
        && text(body(response), "type").endsWith("/problems/consent-state-unavailable");
  }

  private static Duration retryAfter(Response response) {
    String header = response.header("Retry-After");
    try {
      return Duration.ofSeconds(Math.max(0, Math.min(5, Long.parseLong(header.trim()))));
    } catch (RuntimeException e) {
      return Duration.ofSeconds(1);
    }
  }

  static void assertProblem(Response response, int status, String typeSuffix, String step) {
    assertEquals(status, response.statusCode(), step + ": status. " + describe(response));
    assertTrue(
        contentType(response).startsWith(PROBLEM_JSON),
        step + ": Content-Type should be " + PROBLEM_JSON + ". " + describe(response));
    String type = text(body(response), "type");
    assertTrue(
        type.endsWith(typeSuffix),
        step + ": problem type should end with " + typeSuffix + ". " + describe(response));
  }

  static String contentType(Response response) {
    return Optional.ofNullable(response.contentType()).orElse("");
  }

  static JsonNode body(Response response) {
    try {
      String text = response.asString();
      return text == null || text.isBlank() ? MissingNode.getInstance() : JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return MissingNode.getInstance();
    }
  }

  static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return MissingNode.getInstance();
    }
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isValueNode() ? value.asText() : "";
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  static String json(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String describe(Response response) {
    if (response == null) {
      return "(no answer)";
    }
    String text = response.asString();
    if (text != null && text.length() > 800) {
      text = text.substring(0, 800) + "...";
    }
    return "HTTP " + response.statusCode() + " [" + contentType(response) + "] " + text;
  }

  /**
   * The operator (demo-operator, client credentials) registers the demo lenders and furnisher, as
   * {@code ./credence up} does when it seeds: a consent may only name a registered grantee. A PUT,
   * so running it again changes nothing.
   */
  static void registerDemoGrantees(E2eEnvironment env, Tokens tokens) {
    String operator = tokens.client("demo-operator", "local-demo-operator-secret");
    String[][] grantees = {
      {"demo-lender", "LENDER", "Demo Bank plc", "Demo Bank"},
      {"other-lender", "LENDER", "Other Lending Ltd", "Other Lending"},
      {"demo-furnisher", "FURNISHER", "Demo Card Services Ltd", "Demo Cards"}
    };
    for (String[] g : grantees) {
      ObjectNode body =
          object()
              .put("kind", g[1])
              .put("legalName", g[2])
              .put("tradeName", g[3])
              .put("address", "1 Demo Street, Demo City (local demo)")
              .put("phone", "+44 20 0000 0001");
      Response r =
          given(env.consent())
              .auth()
              .oauth2(operator)
              .contentType(ContentType.JSON)
              .body(json(body))
              .put("/v1/grantees/" + g[0]);
      assertTrue(
          r.statusCode() == 200 || r.statusCode() == 201,
          "the operator registers " + g[0] + " (PUT /v1/grantees): " + describe(r));
    }
  }

  /**
   * Grants a consent through consent-service; {@code organisationId} (may be null) makes an officer
   * act for that organisation.
   */
  static Response grant(
      RequestSpecification consent,
      String token,
      String grantee,
      String direction,
      String purpose,
      List<String> categories,
      String organisationId) {
    ObjectNode body =
        object().put("granteeId", grantee).put("direction", direction).put("purpose", purpose);
    categories.forEach(body.putArray("categories")::add);
    RequestSpecification request =
        given(consent).auth().oauth2(token).contentType(ContentType.JSON).body(json(body));
    if (organisationId != null) {
      request = request.header("Credence-Organisation", organisationId);
    }
    return request.post("/v1/consents");
  }

  /** A person enrols with consent-service under a national id ({@code PUT /v1/subjects/me}). */
  static Response enrol(RequestSpecification consent, String token, String nationalId) {
    return given(consent)
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(json(object().put("nationalId", nationalId)))
        .put("/v1/subjects/me");
  }

  /** Revokes a consent through consent-service, with a reason for its history. */
  static Response revoke(
      RequestSpecification consent, String token, String consentId, String reason) {
    return given(consent)
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(json(object().put("reason", reason)))
        .post("/v1/consents/{id}/revoke", consentId);
  }
}

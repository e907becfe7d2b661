package dev.credence.consent.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import org.junit.jupiter.api.Test;

/**
 * A control character in a query parameter or the path is a 400 naming the parameter, not a 500
 * from PostgreSQL (which refuses U+0000 in text), and the value is never echoed.
 */
@QuarkusTest
class ControlCharactersInParametersTest {
  static final String ALICE = "0a11ce00-0000-4000-8000-000000000001";

  @Test
  @TestSecurity(user = "alice", roles = "individual")
  @OidcSecurity(claims = @Claim(key = "subject_id", value = ALICE))
  void aNulInAQueryParameterIsRefusedNamingTheParameter() {
    given()
        .urlEncodingEnabled(false)
        .get("/v1/consents?status=ACTIVE&granteeId=secret%00value")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", endsWith("/validation-failed"))
        .body("errors.field", contains("query parameter granteeId"))
        .body(not(containsString("secret")));
  }

  @Test
  @TestSecurity(user = "audrey", roles = "auditor")
  void aControlCharacterInThePathOrAParameterNameIsRefusedToo() {
    given()
        .urlEncodingEnabled(false)
        .get("/v1/audit/consents/abc%1Fdef")
        .then()
        .statusCode(400)
        .body("type", endsWith("/validation-failed"))
        .body("errors.field", contains("path"));
    given()
        .urlEncodingEnabled(false)
        .get("/v1/audit/consents?subject%7FId=x&granteeId=ok")
        .then()
        .statusCode(400)
        .body("errors.field", contains("query parameter (unnamed)"));
  }

  @Test
  @TestSecurity(user = "audrey", roles = "auditor")
  void aNulInAFilterThatReachesTheDatabaseIsA400NotA500() {
    given()
        .urlEncodingEnabled(false)
        .get("/v1/audit/consents?subjectId=someone%00else")
        .then()
        .statusCode(400)
        .body("errors.field", contains("query parameter subjectId"));
  }

  @Test
  @TestSecurity(user = "audrey", roles = "auditor")
  void anEncodedPrintableCharacterIsNotAControlCharacter() {
    // %20 (space) and %2D (-) are ordinary: the filter lets them through to the resource
    given()
        .urlEncodingEnabled(false)
        .get("/v1/audit/consents?granteeId=demo%2Dlender%20x")
        .then()
        .statusCode(200);
  }
}

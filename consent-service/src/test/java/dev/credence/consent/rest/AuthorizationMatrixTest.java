package dev.credence.consent.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint × every role × no token, with real signed bearer tokens verified by the OIDC
 * extension (a test key instead of Keycloak's): a role that is not named is refused with a 403
 * problem, a missing or foreign-signed token with a 401 problem, and a named role gets past
 * authorization. Ownership (a person reading another's consent, a lender another's request) is
 * covered by the resource tests.
 */
@QuarkusTest
@TestProfile(AuthorizationMatrixTest.SignedTokens.class)
class AuthorizationMatrixTest {
  static final String ISSUER = "https://credence.test/realms/credence";
  static final KeyPair KEYS = rsa();
  static final KeyPair FOREIGN_KEYS = rsa();
  static final List<String> ROLES =
      List.of("lender", "furnisher", "individual", "officer", "operator", "auditor");
  static final String SOME_ID = UUID.randomUUID().toString();

  /** A person for their own file, an officer for an organisation's (header names it). */
  static final Set<String> SUBJECTS = Set.of("individual", "officer");

  /** Verifies tokens against the test key; everything else as in %test. */
  public static class SignedTokens implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "quarkus.oidc.tenant-enabled", "true",
          "quarkus.oidc.auth-server-url", "",
          "quarkus.oidc.discovery-enabled", "false",
          "quarkus.oidc.public-key",
              Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded()),
          "quarkus.oidc.token.issuer", ISSUER);
    }
  }

  record Endpoint(String method, String path, Set<String> roles, String body) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  static final String GRANT =
      "{\"granteeId\":\"demo-lender\",\"direction\":\"DISCLOSE\",\"purpose\":\"CREDIT_APPLICATION\","
          + "\"categories\":[\"TRADELINE\"]}";
  static final String REQUEST =
      "{\"subject\":{\"identifierType\":\"NATIONAL_ID\",\"identifier\":\"NOBODY-1\"},"
          + "\"purpose\":\"CREDIT_APPLICATION\",\"categories\":[\"TRADELINE\"]}";

  static final String ORGANISATION =
      "{\"legalName\":\"Matrix Ltd\",\"country\":\"GB\",\"lei\":\"7LTWFZYICNSX8D621K87\"}";

  static final String DISPUTE = "{\"recordId\":\"" + SOME_ID + "\",\"reason\":\"not mine\"}";

  static final List<Endpoint> ENDPOINTS =
      List.of(
          new Endpoint("PUT", "/v1/subjects/me", Set.of("individual"), "{}"),
          new Endpoint("GET", "/v1/subjects/me", Set.of("individual"), null),
          new Endpoint("GET", "/v1/consents", SUBJECTS, null),
          new Endpoint("POST", "/v1/consents", SUBJECTS, GRANT),
          new Endpoint("GET", "/v1/consents/" + SOME_ID, SUBJECTS, null),
          new Endpoint("GET", "/v1/consents/" + SOME_ID + "/history", SUBJECTS, null),
          new Endpoint("GET", "/v1/consents/" + SOME_ID + "/receipts", SUBJECTS, null),
          new Endpoint("POST", "/v1/consents/" + SOME_ID + "/revoke", SUBJECTS, null),
          new Endpoint("POST", "/v1/consents/" + SOME_ID + "/approve", SUBJECTS, null),
          new Endpoint("POST", "/v1/consents/" + SOME_ID + "/reject", SUBJECTS, null),
          new Endpoint("POST", "/v1/consent-requests", Set.of("lender"), REQUEST),
          new Endpoint("GET", "/v1/consent-requests", Set.of("lender"), null),
          new Endpoint("GET", "/v1/consent-requests/" + SOME_ID, Set.of("lender"), null),
          new Endpoint("GET", "/v1/purposes", Set.copyOf(ROLES), null),
          new Endpoint("GET", "/v1/access-log", Set.of("individual", "officer", "lender"), null),
          new Endpoint("GET", "/v1/access-log/all", Set.of("auditor"), null),
          new Endpoint("GET", "/v1/access-log/verify", Set.of("auditor", "operator"), null),
          new Endpoint("POST", "/v1/organisations", Set.of("operator"), ORGANISATION),
          new Endpoint("GET", "/v1/organisations", Set.of("operator", "auditor", "officer"), null),
          new Endpoint(
              "GET", "/v1/organisations/org-x", Set.of("operator", "auditor", "officer"), null),
          new Endpoint(
              "POST",
              "/v1/organisations/org-x/officers",
              Set.of("operator"),
              "{\"officerSubjectId\":\"someone\"}"),
          new Endpoint(
              "DELETE", "/v1/organisations/org-x/officers/someone", Set.of("operator"), null),
          new Endpoint("POST", "/v1/disputes", SUBJECTS, DISPUTE),
          new Endpoint("GET", "/v1/disputes", SUBJECTS, null),
          new Endpoint("GET", "/v1/disputes/" + SOME_ID, SUBJECTS, null));

  static Stream<Arguments> matrix() {
    return ENDPOINTS.stream().flatMap(e -> ROLES.stream().map(role -> Arguments.of(e, role)));
  }

  static String token(String role, KeyPair keys) {
    return Jwt.issuer(ISSUER)
        .subject("user-" + role)
        .audience("credence-api")
        .claim("azp", "client-" + role)
        .claim("subject_id", "0a0a0a0a-0000-4000-8000-" + String.format("%012d", role.length()))
        .claim("realm_access", Map.of("roles", List.of(role)))
        .expiresIn(300)
        .jws()
        .sign(keys.getPrivate());
  }

  private static io.restassured.response.ValidatableResponse call(
      Endpoint e, RequestSpecification spec) {
    if (e.body() != null) {
      spec = spec.contentType(ContentType.JSON).body(e.body());
    }
    return spec.request(e.method(), e.path()).then();
  }

  @ParameterizedTest(name = "{0} as {1}")
  @MethodSource("matrix")
  void onlyTheNamedRolesGetPastAuthorization(Endpoint e, String role) {
    var response = call(e, given().auth().oauth2(token(role, KEYS)));
    if (e.roles().contains(role)) {
      response.statusCode(not(oneOf(401, 403, 500)));
    } else {
      response
          .statusCode(403)
          .contentType(startsWith("application/problem+json"))
          .body("type", endsWith("/forbidden"));
    }
  }

  static Stream<Endpoint> endpoints() {
    return ENDPOINTS.stream();
  }

  @ParameterizedTest(name = "{0} without a token")
  @MethodSource("endpoints")
  void noTokenIsUnauthorized(Endpoint e) {
    call(e, given())
        .statusCode(401)
        .contentType(startsWith("application/problem+json"))
        .body("type", endsWith("/unauthorized"));
  }

  @ParameterizedTest(name = "{0} with a token signed by another key")
  @MethodSource("endpoints")
  void aForeignSignedTokenIsUnauthorized(Endpoint e) {
    String role = e.roles().iterator().next();
    call(e, given().auth().oauth2(token(role, FOREIGN_KEYS)))
        .statusCode(401)
        .contentType(startsWith("application/problem+json"));
  }

  @org.junit.jupiter.api.Test
  void theReceiptKeySetIsPublic() {
    given().get("/v1/receipt-keys").then().statusCode(200);
  }

  private static KeyPair rsa() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

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
 * authorization. Then ownership, with the same real tokens: for every endpoint that names one
 * subject's or lender's resource, its owner gets it and anyone else of the same role does not (a
 * person another person's consent or dispute, an officer another organisation's, a lender another
 * lender's request).
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

  static final String GRANTEE =
      "{\"kind\":\"LENDER\",\"legalName\":\"Matrix Lending Ltd\",\"address\":\"1 Matrix Way\","
          + "\"phone\":\"+44 20 0000 0009\"}";

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
          new Endpoint("GET", "/v1/grantees", Set.copyOf(ROLES), null),
          new Endpoint("GET", "/v1/grantees/demo-lender", Set.copyOf(ROLES), null),
          new Endpoint("PUT", "/v1/grantees/matrix-lender", Set.of("operator"), GRANTEE),
          new Endpoint("GET", "/v1/access-log", Set.of("individual", "officer", "lender"), null),
          new Endpoint("GET", "/v1/access-log/all", Set.of("auditor"), null),
          new Endpoint("GET", "/v1/access-log/verify", Set.of("auditor", "operator"), null),
          new Endpoint("GET", "/v1/access-log/checkpoint", Set.of("auditor", "operator"), null),
          new Endpoint(
              "POST",
              "/v1/access-log/checkpoint/verify",
              Set.of("auditor", "operator"),
              "{\"jws\":\"abc\"}"),
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
          new Endpoint("GET", "/v1/disputes/" + SOME_ID, SUBJECTS, null),
          new Endpoint("GET", "/v1/me/export", Set.of("individual"), null),
          new Endpoint("GET", "/v1/erasure-requests", Set.of("individual"), null),
          new Endpoint("GET", "/v1/audit/consents?subjectId=x", Set.of("auditor"), null),
          new Endpoint("GET", "/v1/audit/consents/" + SOME_ID, Set.of("auditor"), null),
          new Endpoint(
              "GET", "/v1/audit/consents/" + SOME_ID + "/history", Set.of("auditor"), null),
          new Endpoint(
              "GET", "/v1/audit/consents/" + SOME_ID + "/receipts", Set.of("auditor"), null),
          new Endpoint(
              "GET",
              "/v1/consent-check?subjectId=x&granteeId=y&direction=DISCLOSE",
              Set.of("operator", "auditor"),
              null),
          // last: it erases the matrix's person, after which its other calls answer 409
          new Endpoint("POST", "/v1/erasure-requests", Set.of("individual"), null));

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

  // ---- ownership: owner vs not-owner, same role ----

  static final String PERSON_A = "0a0a0a0a-0000-4000-8000-00000000a001";
  static final String PERSON_B = "0a0a0a0a-0000-4000-8000-00000000b002";
  static final String OFFICER_X = "0a0a0a0a-0000-4000-8000-00000000c003";
  static final String OFFICER_Y = "0a0a0a0a-0000-4000-8000-00000000d004";
  static final Map<String, String> IDS = new java.util.concurrent.ConcurrentHashMap<>();

  @jakarta.inject.Inject dev.credence.consent.service.SubjectService subjects;
  @jakarta.inject.Inject dev.credence.consent.service.ConsentService consents;
  @jakarta.inject.Inject dev.credence.consent.service.DisputeService disputes;
  @jakarta.inject.Inject dev.credence.consent.service.OrganisationService organisations;

  static String token(String role, String subjectId, String azp) {
    return Jwt.issuer(ISSUER)
        .subject("user-" + subjectId)
        .audience("credence-api")
        .claim("azp", azp)
        .claim("subject_id", subjectId)
        .claim("realm_access", Map.of("roles", List.of(role)))
        .expiresIn(300)
        .jws()
        .sign(KEYS.getPrivate());
  }

  private static dev.credence.consent.domain.ConsentTerms terms(
      dev.credence.common.events.DataCategory category) {
    return new dev.credence.consent.domain.ConsentTerms(
        "lender-one",
        dev.credence.common.events.ConsentDirection.DISCLOSE,
        dev.credence.common.events.Purpose.CREDIT_APPLICATION,
        Set.of(category),
        null,
        null,
        null);
  }

  @org.junit.jupiter.api.BeforeEach
  void owners() {
    if (IDS.containsKey("consentA")) {
      return;
    }
    subjects.enrolPerson(PERSON_A, "a", "MATRIX-A-0001");
    subjects.enrolPerson(PERSON_B, "b", null);
    IDS.put(
        "consentA",
        consents
            .grant(PERSON_A, terms(dev.credence.common.events.DataCategory.TRADELINE), PERSON_A)
            .id
            .toString());
    IDS.put(
        "disputeA",
        disputes.store(PERSON_A, PERSON_A, UUID.randomUUID(), "wrong", true, "f").id.toString());
    String orgX =
        organisations.register(
                new dev.credence.consent.domain.OrganisationRegistration(
                    "X Ltd", "GB", "MATRIX-X-" + UUID.randomUUID(), null),
                "op")
            .subjectId;
    String orgY =
        organisations.register(
                new dev.credence.consent.domain.OrganisationRegistration(
                    "Y Ltd", "GB", "MATRIX-Y-" + UUID.randomUUID(), null),
                "op")
            .subjectId;
    organisations.link(orgX, OFFICER_X, "op");
    organisations.link(orgY, OFFICER_Y, "op");
    IDS.put("orgX", orgX);
    IDS.put("orgY", orgY);
    IDS.put(
        "consentX",
        consents
            .grant(orgX, terms(dev.credence.common.events.DataCategory.TAX_COMPLIANCE), OFFICER_X)
            .id
            .toString());
    IDS.put(
        "requestL1",
        consents
            .request(
                "lender-one",
                dev.credence.common.events.IdentifierType.NATIONAL_ID,
                "MATRIX-A-0001",
                terms(dev.credence.common.events.DataCategory.TRADELINE))
            .id
            .toString());
  }

  /** An owned resource: the owner's call, then another caller of the same role. */
  record Owned(
      String what,
      String method,
      String path,
      String role,
      String owner,
      String ownerOrg,
      String other,
      String otherOrg,
      int otherStatus) {
    @Override
    public String toString() {
      return what;
    }
  }

  static Stream<Owned> owned() {
    return Stream.of(
        new Owned(
            "a person's consent",
            "GET",
            "/v1/consents/{consentA}",
            "individual",
            PERSON_A,
            null,
            PERSON_B,
            null,
            404),
        new Owned(
            "a person's consent history",
            "GET",
            "/v1/consents/{consentA}/history",
            "individual",
            PERSON_A,
            null,
            PERSON_B,
            null,
            404),
        new Owned(
            "a person's receipts",
            "GET",
            "/v1/consents/{consentA}/receipts",
            "individual",
            PERSON_A,
            null,
            PERSON_B,
            null,
            404),
        new Owned(
            "a person's dispute",
            "GET",
            "/v1/disputes/{disputeA}",
            "individual",
            PERSON_A,
            null,
            PERSON_B,
            null,
            404),
        new Owned(
            "an organisation's consent, other officer for own org",
            "GET",
            "/v1/consents/{consentX}",
            "officer",
            OFFICER_X,
            "orgX",
            OFFICER_Y,
            "orgY",
            404),
        new Owned(
            "an organisation's consent, other officer naming it",
            "GET",
            "/v1/consents/{consentX}",
            "officer",
            OFFICER_X,
            "orgX",
            OFFICER_Y,
            "orgX",
            403),
        new Owned(
            "an organisation's consent history",
            "GET",
            "/v1/consents/{consentX}/history",
            "officer",
            OFFICER_X,
            "orgX",
            OFFICER_Y,
            "orgX",
            403),
        new Owned(
            "an organisation's consent list",
            "GET",
            "/v1/consents",
            "officer",
            OFFICER_X,
            "orgX",
            OFFICER_Y,
            "orgX",
            403),
        new Owned(
            "an organisation",
            "GET",
            "/v1/organisations/{orgX}",
            "officer",
            OFFICER_X,
            null,
            OFFICER_Y,
            null,
            404),
        new Owned(
            "a lender's request",
            "GET",
            "/v1/consent-requests/{requestL1}",
            "lender",
            "lender-one",
            null,
            "lender-two",
            null,
            404));
  }

  private static String resolve(String path) {
    String out = path;
    for (var e : IDS.entrySet()) {
      out = out.replace("{" + e.getKey() + "}", e.getValue());
    }
    return out;
  }

  private static RequestSpecification as(String role, String who, String org) {
    RequestSpecification spec =
        given().auth().oauth2(token(role, who, role.equals("lender") ? who : "portal"));
    return org == null ? spec : spec.header("Credence-Organisation", IDS.get(org));
  }

  @ParameterizedTest(name = "{0}: owner reads it, another {0} caller does not")
  @MethodSource("owned")
  void onlyTheOwnerReachesItsResource(Owned o) {
    String path = resolve(o.path());
    as(o.role(), o.owner(), o.ownerOrg()).request(o.method(), path).then().statusCode(200);
    as(o.role(), o.other(), o.otherOrg())
        .request(o.method(), path)
        .then()
        .statusCode(o.otherStatus())
        .contentType(startsWith("application/problem+json"));
  }

  @org.junit.jupiter.api.Test
  void anotherPersonCannotRevokeAPersonsConsent() {
    as("individual", PERSON_B, null)
        .contentType(ContentType.JSON)
        .body("{}")
        .post(resolve("/v1/consents/{consentA}/revoke"))
        .then()
        .statusCode(404);
    as("individual", PERSON_A, null)
        .get(resolve("/v1/consents/{consentA}"))
        .then()
        .statusCode(200)
        .body("status", org.hamcrest.Matchers.equalTo("ACTIVE"));
  }
}

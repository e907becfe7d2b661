package dev.credence.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Real access tokens from the local Keycloak realm {@code credence}. The client secrets and user
 * passwords are the public local-demo values of {@code local/keycloak/credence-realm.json}.
 */
final class Tokens {
  private static final String TOKEN_PATH = "/realms/credence/protocol/openid-connect/token";
  private final RequestSpecification keycloak;
  private final String tokenUrl;

  Tokens(E2eEnvironment env) {
    this.keycloak = env.keycloak();
    this.tokenUrl = env.keycloakUrl + TOKEN_PATH;
  }

  /** Client credentials grant (lenders, furnishers). */
  String client(String clientId, String secret) {
    return token(
        given(keycloak)
            .formParam("grant_type", "client_credentials")
            .formParam("client_id", clientId)
            .formParam("client_secret", secret)
            .post(TOKEN_PATH),
        "client " + clientId);
  }

  /** Password grant through the test/demo-only public client {@code credence-cli}. */
  String user(String username, String password) {
    return token(
        given(keycloak)
            .formParam("grant_type", "password")
            .formParam("client_id", "credence-cli")
            .formParam("username", username)
            .formParam("password", password)
            .formParam("scope", "openid")
            .post(TOKEN_PATH),
        "user " + username);
  }

  String demoLender() {
    return client("demo-lender", "local-demo-lender-secret");
  }

  String otherLender() {
    return client("other-lender", "local-demo-other-lender-secret");
  }

  String demoFurnisher() {
    return client("demo-furnisher", "local-demo-furnisher-secret");
  }

  String erin() {
    return user("erin", "erin-local-demo");
  }

  private String token(Response response, String who) {
    if (response.statusCode() != 200) {
      throw new AssertionError(
          "Keycloak refused a token for "
              + who
              + " at "
              + tokenUrl
              + ": HTTP "
              + response.statusCode()
              + " "
              + response.asString());
    }
    return response.jsonPath().getString("access_token");
  }
}

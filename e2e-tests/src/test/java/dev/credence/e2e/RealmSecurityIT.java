package dev.credence.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.restassured.response.Response;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the realm itself promises, asked of the real Keycloak: refresh tokens rotate and a used one
 * is refused (RFC 9700 4.14 for public clients), and the portal's public client takes no password.
 */
@DisplayName("Keycloak realm: refresh-token rotation, no password grant for the portal client")
class RealmSecurityIT {
  private static final String TOKEN_PATH = "/realms/credence/protocol/openid-connect/token";
  private final E2eEnvironment env = new E2eEnvironment();

  @Test
  @DisplayName("a refresh token works once: its successor works, a second use of it is refused")
  void refreshTokensRotate() {
    Response login = passwordGrant("credence-cli");
    assertEquals(200, login.statusCode(), "login: " + outcome(login));
    String first = login.jsonPath().getString("refresh_token");
    assertNotNull(first, "a refresh token was issued");

    Response refreshed = refresh(first);
    assertEquals(200, refreshed.statusCode(), "first refresh: " + outcome(refreshed));
    String second = refreshed.jsonPath().getString("refresh_token");
    assertNotNull(second, "the refresh answered a new refresh token");
    assertNotEquals(first, second, "the refresh token rotated");

    Response replayed = refresh(first);
    assertEquals(
        400, replayed.statusCode(), "replay of a used refresh token: " + outcome(replayed));
    assertEquals("invalid_grant", replayed.jsonPath().getString("error"));
  }

  @Test
  @DisplayName("the portal's public client refuses the password grant")
  void portalClientTakesNoPassword() {
    Response response = passwordGrant("credence-portal");
    assertEquals(400, response.statusCode(), "password grant: " + outcome(response));
    assertEquals("unauthorized_client", response.jsonPath().getString("error"));
  }

  /** The status and OAuth error of an answer; never its tokens. */
  private static String outcome(Response response) {
    return "HTTP " + response.statusCode() + " error=" + response.jsonPath().getString("error");
  }

  /** erin's password, through the given client. */
  private Response passwordGrant(String clientId) {
    return given(env.keycloak())
        .formParam("grant_type", "password")
        .formParam("client_id", clientId)
        .formParam("username", "erin")
        .formParam("password", "erin-local-demo")
        .formParam("scope", "openid")
        .post(TOKEN_PATH);
  }

  private Response refresh(String refreshToken) {
    return given(env.keycloak())
        .formParam("grant_type", "refresh_token")
        .formParam("client_id", "credence-cli")
        .formParam("refresh_token", refreshToken)
        .post(TOKEN_PATH);
  }
}

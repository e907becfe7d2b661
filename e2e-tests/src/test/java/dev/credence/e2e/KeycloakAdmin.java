package dev.credence.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Keycloak's admin REST API, as the instance's bootstrap admin, for the few tests that change a
 * client's settings while they run (and put them back).
 */
final class KeycloakAdmin {
  private static final String CLIENTS = "/admin/realms/credence/clients";
  private final E2eEnvironment env;

  KeycloakAdmin(E2eEnvironment env) {
    this.env = env;
  }

  /**
   * Sets one attribute of a client of the {@code credence} realm; {@code null} removes it. Returns
   * the value it had, for the caller to put back.
   */
  String setClientAttribute(String clientId, String attribute, String value) {
    String token = adminToken();
    Response found =
        given(env.keycloak()).auth().oauth2(token).queryParam("clientId", clientId).get(CLIENTS);
    assertEquals(200, found.statusCode(), "find client " + clientId + ": " + found.asString());
    JsonNode client = E2e.parse(found.asString()).get(0);
    ObjectNode attributes = (ObjectNode) client.get("attributes");
    String before = attributes.hasNonNull(attribute) ? attributes.get(attribute).asText() : null;
    if (value == null) {
      attributes.putNull(attribute); // an attribute left out of the update would be kept
    } else {
      attributes.put(attribute, value);
    }
    Response updated =
        given(env.keycloak())
            .auth()
            .oauth2(token)
            .contentType(ContentType.JSON)
            .body(E2e.json(client))
            .put(CLIENTS + "/" + client.get("id").asText());
    assertEquals(
        204, updated.statusCode(), "update client " + clientId + ": " + updated.asString());
    assertEquals(
        value, attribute(token, clientId, attribute), "client " + clientId + " " + attribute);
    return before;
  }

  private String attribute(String token, String clientId, String attribute) {
    Response found =
        given(env.keycloak()).auth().oauth2(token).queryParam("clientId", clientId).get(CLIENTS);
    JsonNode value = E2e.parse(found.asString()).path(0).path("attributes").path(attribute);
    return value.isMissingNode() || value.isNull() ? null : value.asText();
  }

  private String adminToken() {
    Response response =
        given(env.keycloak())
            .formParam("grant_type", "password")
            .formParam("client_id", "admin-cli")
            .formParam("username", "admin")
            .formParam("password", env.keycloakAdminPassword())
            .post("/realms/master/protocol/openid-connect/token");
    assertEquals(200, response.statusCode(), "Keycloak admin token: HTTP " + response.statusCode());
    return response.jsonPath().getString("access_token");
  }
}

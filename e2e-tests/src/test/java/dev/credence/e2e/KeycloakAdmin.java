package dev.credence.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Keycloak's admin REST API, as the instance's bootstrap admin, for the few tests that change a
 * client's settings while they run (and put them back), or need a person of their own.
 */
final class KeycloakAdmin {
  private static final String CLIENTS = "/admin/realms/credence/clients";
  private static final String USERS = "/admin/realms/credence/users";
  private static final String ROLES = "/admin/realms/credence/roles";
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

  /**
   * Creates a person of the {@code credence} realm with the {@code individual} role and a password
   * (for the test-only password grant), and no {@code subject_id} attribute: its subject id is its
   * Keycloak id ({@code sub}). Returns that id. For a test that must erase a person: an erased
   * subject id is never enrolled again, so no demo user can be used.
   */
  String createIndividual(String username, String password) {
    String token = adminToken();
    ObjectNode user = E2e.object();
    user.put("username", username)
        .put("enabled", true)
        .put("emailVerified", true)
        .put("firstName", "Erased")
        .put("lastName", "E2e")
        .put("email", username + "@e2e.credence.local");
    user.putArray("credentials")
        .addObject()
        .put("type", "password")
        .put("value", password)
        .put("temporary", false);
    Response created =
        given(env.keycloak())
            .auth()
            .oauth2(token)
            .contentType(ContentType.JSON)
            .body(E2e.json(user))
            .post(USERS);
    assertEquals(201, created.statusCode(), "create user " + username + ": " + created.asString());
    String location = created.header("Location");
    String id = location.substring(location.lastIndexOf('/') + 1);
    Response role = given(env.keycloak()).auth().oauth2(token).get(ROLES + "/individual");
    assertEquals(200, role.statusCode(), "role individual: " + role.asString());
    Response mapped =
        given(env.keycloak())
            .auth()
            .oauth2(token)
            .contentType(ContentType.JSON)
            .body("[" + role.asString() + "]")
            .post(USERS + "/" + id + "/role-mappings/realm");
    assertEquals(204, mapped.statusCode(), "grant individual: " + mapped.asString());
    return id;
  }

  void deleteUser(String id) {
    Response deleted = given(env.keycloak()).auth().oauth2(adminToken()).delete(USERS + "/" + id);
    assertEquals(204, deleted.statusCode(), "delete user " + id + ": " + deleted.asString());
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

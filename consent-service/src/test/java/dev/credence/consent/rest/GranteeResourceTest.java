package dev.credence.consent.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class GranteeResourceTest {
  static String body(String kind, String legalName, String phone) {
    return """
        {"kind":"%s","legalName":"%s","tradeName":"Acme Credit",
         "address":"10 Market Street, Springfield","phone":"%s",
         "email":"privacy@acme.example","website":"https://acme.example"}"""
        .formatted(kind, legalName, phone);
  }

  static String fresh() {
    return "lender-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  @TestSecurity(user = "oscar", roles = "operator")
  void anOperatorRegistersALenderThenUpdatesIt() {
    String id = fresh();
    given()
        .contentType(ContentType.JSON)
        .body(body("LENDER", "Acme Credit plc", "+44 20 7946 0000"))
        .put("/v1/grantees/" + id)
        .then()
        .statusCode(201)
        .header("Location", endsWith("/v1/grantees/" + id))
        .body("clientId", equalTo(id))
        .body("kind", equalTo("LENDER"))
        .body("legalName", equalTo("Acme Credit plc"))
        .body("phone", equalTo("+44 20 7946 0000"));

    given()
        .contentType(ContentType.JSON)
        .body(body("LENDER", "Acme Credit Group plc", "+44 20 7946 0001"))
        .put("/v1/grantees/" + id)
        .then()
        .statusCode(200)
        .body("legalName", equalTo("Acme Credit Group plc"));

    given()
        .get("/v1/grantees/" + id)
        .then()
        .statusCode(200)
        .body("legalName", equalTo("Acme Credit Group plc"))
        .body("phone", equalTo("+44 20 7946 0001"))
        .body("address", equalTo("10 Market Street, Springfield"));
    given()
        .get("/v1/grantees?kind=LENDER")
        .then()
        .statusCode(200)
        .body("clientId", hasItems(id, "demo-lender"))
        .body("clientId", not(hasItem("demo-furnisher")))
        .body("kind", everyItem(equalTo("LENDER")));
  }

  @Test
  @TestSecurity(user = "oscar", roles = "operator")
  void aGranteesKindCannotChangeOnceRegistered() {
    given()
        .contentType(ContentType.JSON)
        .body(body("FURNISHER", "Demo Bank plc", "+44 20 0000 0001"))
        .put("/v1/grantees/demo-lender")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("type", endsWith("/grantee-kind-fixed"));
    given().get("/v1/grantees/demo-lender").then().body("kind", equalTo("LENDER"));
  }

  @Test
  @TestSecurity(user = "oscar", roles = "operator")
  void anIncompleteOrMalformedRegistrationIsRefusedNamingTheFieldsAndNothingIsStored() {
    String id = fresh();
    given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"kind":"LENDER","legalName":" ","address":"","phone":"call us",
             "email":"not-an-address","website":"http://acme.example"}""")
        .put("/v1/grantees/" + id)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", endsWith("/validation-failed"))
        .body(
            "errors.field",
            hasItems(
                containsString("legalName"),
                containsString("address"),
                containsString("phone"),
                containsString("email"),
                containsString("website")));
    given()
        .get("/v1/grantees/" + id)
        .then()
        .statusCode(404)
        .body("type", endsWith("/grantee-not-found"));
  }

  @Test
  @TestSecurity(user = "oscar", roles = "operator")
  void aClientIdThatIsNoClientIdIsRefused() {
    given()
        .contentType(ContentType.JSON)
        .body(body("LENDER", "Acme", "+44 20 7946 0000"))
        .put("/v1/grantees/not a client")
        .then()
        .statusCode(400)
        .body("type", endsWith("/validation-failed"));
  }

  @Test
  @TestSecurity(user = "alice", roles = "individual")
  void aPersonReadsWhoALenderIsButCannotRegisterOne() {
    given()
        .get("/v1/grantees/demo-lender")
        .then()
        .statusCode(200)
        .body("legalName", equalTo("Demo Bank plc"))
        .body("tradeName", equalTo("Demo Bank"))
        .body("registeredAt", not(nullValue()));
    given()
        .contentType(ContentType.JSON)
        .body(body("LENDER", "Mine", "+44 20 7946 0000"))
        .put("/v1/grantees/" + fresh())
        .then()
        .statusCode(403);
  }
}

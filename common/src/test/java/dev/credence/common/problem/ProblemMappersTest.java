package dev.credence.common.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpClosedException;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ProblemMappersTest {
  private final ProblemMappers mappers = new ProblemMappers();

  /** The request's path, all the mapper asks of its UriInfo. */
  private static final UriInfo SCORES =
      (UriInfo)
          Proxy.newProxyInstance(
              UriInfo.class.getClassLoader(),
              new Class<?>[] {UriInfo.class},
              (proxy, method, args) ->
                  switch (method.getName()) {
                    case "getPath" -> "/v1/scores";
                    case "getRequestUri" -> URI.create("https://127.0.0.1:8443/v1/scores");
                    default -> throw new UnsupportedOperationException(method.getName());
                  });

  @Test
  void aClosedClientConnectionIsRecognisedThroughTheWrappersRestEasyAdds() {
    // the shapes seen in scoring's log when wrk stopped mid-request
    assertTrue(
        ProblemMappers.clientClosed(
            new IOException(new IOException(new HttpClosedException("Connection was closed")))));
    assertTrue(ProblemMappers.clientClosed(new IOException(new ClosedChannelException())));
    assertTrue(ProblemMappers.clientClosed(new ClosedChannelException()));
  }

  @Test
  void otherFailuresAreNotMistakenForADisconnect() {
    assertFalse(ProblemMappers.clientClosed(new IOException("disk full")));
    assertFalse(
        ProblemMappers.clientClosed(new IllegalStateException(new SQLException("no connection"))));
    assertFalse(ProblemMappers.clientClosed(new RuntimeException()));
  }

  @Test
  void aDisconnectIsAnsweredAs499NotAsAnIncident() {
    Response r = mappers.unexpected(new IOException(new ClosedChannelException()), SCORES);
    assertEquals(499, r.getStatus());
    Problem p = (Problem) r.getEntity();
    assertEquals(ProblemTypes.CLIENT_CLOSED.uri().toString(), p.getType());
    assertEquals(499, p.getStatus());
    assertEquals("/v1/scores", p.getInstance());
    assertFalse(p.getExtensions().containsKey("incident"));
  }

  @Test
  void anyOtherUnexpectedErrorIsA500WithAnIncident() {
    Response r = mappers.unexpected(new IllegalStateException("boom"), SCORES);
    assertEquals(500, r.getStatus());
    Problem p = (Problem) r.getEntity();
    assertEquals(ProblemTypes.INTERNAL_ERROR.uri().toString(), p.getType());
    assertTrue(p.getExtensions().containsKey("incident"));
  }

  @Test
  void aDatabaseThatCannotBeReachedIsA503WithRetryAfterNotAnIncident() {
    // what the score path threw while PostgreSQL refused connections (fault bench)
    Response r =
        mappers.unexpected(
            new IllegalStateException(
                "The subject's consents or file could not be read",
                new SQLException("FATAL: database \"x\" is not accepting connections", "55000")),
            SCORES);
    assertEquals(503, r.getStatus());
    assertEquals("1", r.getHeaderString("Retry-After"));
    Problem p = (Problem) r.getEntity();
    assertEquals(ProblemTypes.DATABASE_UNAVAILABLE.uri().toString(), p.getType());
    assertFalse(p.getExtensions().containsKey("incident"));
    assertFalse(p.getDetail().contains("accepting"), "no driver message in the answer");
  }

  @Test
  void aServiceUnavailableProblemTellsTheClientWhenToRetry() {
    Response unavailable =
        mappers.problem(
            new ProblemException(
                new ProblemType("consent-state-unavailable", 503, "Consent state is not current"),
                "behind"),
            SCORES);
    assertEquals(503, unavailable.getStatus());
    assertEquals("1", unavailable.getHeaderString("Retry-After"));
    Response refused =
        mappers.problem(
            new ProblemException(
                new ProblemType("consent-required", 403, "Consent required"), "no consent"),
            SCORES);
    assertEquals(403, refused.getStatus());
    assertEquals(null, refused.getHeaderString("Retry-After"), "a refusal is not retried");
  }

  @Test
  void aFailureTheStatementCausesIsStillAnIncident() {
    Response r =
        mappers.unexpected(
            new IllegalStateException(new SQLException("duplicate key", "23505")), SCORES);
    assertEquals(500, r.getStatus());
    assertTrue(((Problem) r.getEntity()).getExtensions().containsKey("incident"));
  }

  /** A request with query parameters, for the parameter-conversion answers. */
  private static final UriInfo CONSENTS_WITH_STATUS =
      (UriInfo)
          Proxy.newProxyInstance(
              UriInfo.class.getClassLoader(),
              new Class<?>[] {UriInfo.class},
              (proxy, method, args) ->
                  switch (method.getName()) {
                    case "getPath" -> "/v1/consents";
                    case "getRequestUri" ->
                        URI.create("http://127.0.0.1:8081/v1/consents?status=ACTIV&limit=5");
                    case "getQueryParameters" -> {
                      MultivaluedMap<String, String> q = new MultivaluedHashMap<>();
                      q.add("status", "ACTIV");
                      q.add("limit", "5");
                      yield q;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                  });

  @Test
  void aQueryParameterRestEasyCannotConvertIsA400NamingTheParametersNotTheirValues() {
    // what RESTEasy Reactive's ParameterHandler throws for ?status=ACTIV on an enum parameter
    Response r =
        mappers.web(
            new NotFoundException(
                new IllegalArgumentException("No enum constant ConsentStatus.ACTIV")),
            CONSENTS_WITH_STATUS);
    assertEquals(400, r.getStatus());
    Problem p = (Problem) r.getEntity();
    assertEquals(ProblemTypes.VALIDATION_FAILED.uri().toString(), p.getType());
    assertTrue(p.getDetail().contains("query parameters given: limit, status"), p.getDetail());
    assertFalse(p.getDetail().contains("ACTIV"), "the value is never echoed: " + p.getDetail());
  }

  @Test
  void aHeaderParameterRestEasyCannotConvertIsA400Too() {
    Response r =
        mappers.web(
            new BadRequestException(new IllegalArgumentException("Invalid UUID string: x")),
            SCORES);
    assertEquals(400, r.getStatus());
    assertEquals(
        ProblemTypes.VALIDATION_FAILED.uri().toString(), ((Problem) r.getEntity()).getType());
  }

  @Test
  void aPathWithNoResourceIsStillA404() {
    Response r = mappers.web(new NotFoundException(), SCORES);
    assertEquals(404, r.getStatus());
    assertEquals(ProblemTypes.NOT_FOUND.uri().toString(), ((Problem) r.getEntity()).getType());
  }
}

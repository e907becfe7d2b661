package dev.credence.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.credence.common.messaging.TransientFailures;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.AuthenticationRedirectException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one mapper set every service uses: every error leaves as {@code application/problem+json}
 * with a stable {@code type}, never a stack trace. Requires {@code
 * quarkus.http.auth.proactive=false} so that authentication failures reach these mappers.
 */
public class ProblemMappers {
  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  @ServerExceptionMapper
  public Response problem(ProblemException e, UriInfo uri) {
    Response response = respond(e.type(), e.getMessage(), uri, e.extensions());
    if (e.type().status() == 503) {
      // a state the service expects to leave soon (consent state catching up, a downstream away)
      return Response.fromResponse(response).header("Retry-After", "1").build();
    }
    return response;
  }

  @ServerExceptionMapper
  public Response violations(ConstraintViolationException e, UriInfo uri) {
    List<Map<String, String>> errors =
        e.getConstraintViolations().stream()
            .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
            .map(v -> Map.of("field", field(v), "message", v.getMessage()))
            .toList();
    String detail =
        errors.stream()
            .map(m -> m.get("field") + ": " + m.get("message"))
            .collect(Collectors.joining("; "));
    return respond(ProblemTypes.VALIDATION_FAILED, detail, uri, Map.of("errors", errors));
  }

  @ServerExceptionMapper
  public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
    return respond(
        ProblemTypes.MALFORMED_REQUEST,
        "Unknown field '" + path(e) + "'",
        uri,
        Map.of("field", path(e)));
  }

  @ServerExceptionMapper
  public Response invalidValue(InvalidFormatException e, UriInfo uri) {
    // The rejected value itself is not echoed: it may be personal data.
    return respond(
        ProblemTypes.MALFORMED_REQUEST,
        "Field '"
            + path(e)
            + "' has an invalid value for type "
            + e.getTargetType().getSimpleName(),
        uri,
        Map.of("field", path(e)));
  }

  /**
   * A value of the wrong shape (a string where an object or a list is expected, a whole body that
   * is a bare string). Without this mapper Quarkus' own, registered for this exact class, answered
   * it instead of {@link #mapping}: {@code application/json} with the parser's view of the input in
   * dev and test, an empty 400 in production; never a problem document. The value is not echoed (it
   * may be a national id sent where {@code {identifierType, identifier}} belongs).
   */
  @ServerExceptionMapper
  public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
    return mapping(e, uri);
  }

  @ServerExceptionMapper
  public Response mapping(JsonMappingException e, UriInfo uri) {
    String path = path(e);
    String detail =
        path.isEmpty()
            ? "The request body does not match the expected structure"
            : "Field '" + path + "' does not match the expected structure";
    return respond(ProblemTypes.MALFORMED_REQUEST, detail, uri, Map.of());
  }

  @ServerExceptionMapper
  public Response malformedJson(JsonProcessingException e, UriInfo uri) {
    String where =
        e.getLocation() == null
            ? ""
            : " at line "
                + e.getLocation().getLineNr()
                + ", column "
                + e.getLocation().getColumnNr();
    return respond(ProblemTypes.MALFORMED_REQUEST, "Malformed JSON" + where, uri, Map.of());
  }

  @ServerExceptionMapper({
    UnauthorizedException.class,
    AuthenticationFailedException.class,
    AuthenticationCompletionException.class,
    AuthenticationRedirectException.class
  })
  public Response unauthorized(RuntimeException e, UriInfo uri) {
    return Response.fromResponse(
            respond(
                ProblemTypes.UNAUTHORIZED,
                "A valid bearer token is required for this endpoint",
                uri,
                Map.of()))
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
        .build();
  }

  /** The identity provider cannot be reached to verify a token: retryable, not our bug. */
  @ServerExceptionMapper
  public Response identityProviderUnavailable(io.quarkus.oidc.OIDCException e, UriInfo uri) {
    LOG.warnf("Identity provider unavailable on %s: %s", uri.getPath(), e.getMessage());
    return Response.fromResponse(
            respond(
                ProblemTypes.UNAVAILABLE,
                "The identity provider is unavailable; retry shortly",
                uri,
                Map.of()))
        .header("Retry-After", "5")
        .build();
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e, UriInfo uri) {
    return respond(
        ProblemTypes.FORBIDDEN, "The caller's role does not permit this operation", uri, Map.of());
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e, UriInfo uri) {
    if (invalidParameter(e)) {
      return respond(
          ProblemTypes.VALIDATION_FAILED,
          "A path, query or header parameter has a value of the wrong type or one this resource"
              + " does not know"
              + queryParameterNames(uri)
              + "; see the API documentation for the values it accepts",
          uri,
          Map.of());
    }
    int status = e.getResponse().getStatus();
    ProblemType type = ProblemTypes.forStatus(status);
    String detail =
        switch (status) {
          case 404 -> "No resource at this path";
          case 405 -> "This method is not allowed on this resource";
          case 406 -> "No acceptable representation; use application/json";
          case 415 -> "Unsupported content type; use application/json";
          default -> type.title();
        };
    if (status >= 500) {
      return unexpected(e, uri);
    }
    Response.ResponseBuilder builder = Response.fromResponse(respond(type, detail, uri, Map.of()));
    if (status == 401) {
      builder.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
    return builder.build();
  }

  @ServerExceptionMapper
  public Response unexpected(Throwable e, UriInfo uri) {
    return problem(asProblem(e, uri == null ? null : uri.getPath()), uri);
  }

  /**
   * The problem an unexpected failure is answered with, logged as such: a client that went away
   * (499, debug), the database unavailable (503 {@code database-unavailable}, warn, class only), or
   * anything else (500 {@code internal-error} with an incident id, the stack trace logged). For
   * answers that carry several outcomes, such as a batch's items, as well as for the mapper.
   */
  public static ProblemException asProblem(Throwable e, String path) {
    if (clientClosed(e)) {
      // the client went away mid-request (a load generator stopping, a browser tab closed): not an
      // incident, and no stack trace at ERROR for every one of them
      LOG.debugf("Client closed the connection on %s (%s)", path, e);
      return new ProblemException(
          ProblemTypes.CLIENT_CLOSED,
          "The client closed the connection before the request was answered");
    }
    if (TransientFailures.isTransient(e)) {
      // the same rule that makes a consumer wait and retry: the database, not the request, failed
      // (a refused or cut connection, a restart, a deadlock). Class only: a driver message can
      // quote the statement's values.
      LOG.warnf("Database unavailable on %s (%s); answered 503", path, rootClass(e));
      return new ProblemException(
          ProblemTypes.DATABASE_UNAVAILABLE,
          "The service cannot reach its database right now; nothing was stored. Try again"
              + " shortly.");
    }
    String incident = UUID.randomUUID().toString();
    LOG.errorf(e, "Unhandled error, incident %s on %s", incident, path);
    return new ProblemException(
        ProblemTypes.INTERNAL_ERROR,
        "An unexpected error occurred; quote incident " + incident,
        Map.of("incident", incident));
  }

  /**
   * RESTEasy Reactive answers a path or query parameter it cannot convert (a malformed UUID, an
   * unknown enum constant, a number that is not one) with a {@code NotFoundException}, and a header
   * or form parameter with a {@code BadRequestException}, either carrying the conversion failure as
   * its cause (as the JAX-RS specification says). A route that does not exist has no cause. The
   * request is malformed, not aimed at a missing resource, so it is answered 400.
   */
  static boolean invalidParameter(WebApplicationException e) {
    return (e instanceof NotFoundException || e instanceof BadRequestException)
        && e.getCause() != null
        && !(e.getCause() instanceof WebApplicationException);
  }

  /** The names (never the values) of the request's query parameters, for the detail. */
  private static String queryParameterNames(UriInfo uri) {
    try {
      Set<String> names = new TreeSet<>(uri.getQueryParameters().keySet());
      return names.isEmpty() ? "" : " (query parameters given: " + String.join(", ", names) + ")";
    } catch (RuntimeException e) {
      return "";
    }
  }

  /** The innermost cause's class and, for a database failure, its SQLSTATE (never a message). */
  static String rootClass(Throwable e) {
    Throwable root = e;
    for (int depth = 0; root.getCause() != null && depth < 20; depth++) {
      root = root.getCause();
    }
    String name = root.getClass().getSimpleName();
    return root instanceof java.sql.SQLException sql && sql.getSQLState() != null
        ? name + ", SQLSTATE " + sql.getSQLState()
        : name;
  }

  /**
   * True when {@code e} (or one of its causes) says the client's connection was closed: Vert.x's
   * {@code HttpClosedException} or a {@link java.nio.channels.ClosedChannelException}, which
   * RESTEasy Reactive wraps in {@link java.io.IOException}s when the request body can no longer be
   * read or the response no longer written.
   */
  static boolean clientClosed(Throwable e) {
    int depth = 0;
    for (Throwable t = e; t != null && depth < 10; t = t.getCause(), depth++) {
      if (t instanceof java.nio.channels.ClosedChannelException
          || "io.vertx.core.http.HttpClosedException".equals(t.getClass().getName())) {
        return true;
      }
    }
    return false;
  }

  public static Response respond(
      ProblemType type, String detail, UriInfo uri, Map<String, Object> extensions) {
    String instance = uri == null ? null : uri.getRequestUri().getRawPath();
    return Response.status(type.status())
        .type(Problem.MEDIA_TYPE)
        .entity(new Problem(type, detail, instance, extensions))
        .build();
  }

  private static String field(ConstraintViolation<?> v) {
    // "create.arg0.granteeId" -> "granteeId": drop the method and parameter segments.
    List<String> nodes =
        StreamSupport.stream(v.getPropertyPath().spliterator(), false)
            .map(n -> n.getIndex() != null ? n.getName() + "[" + n.getIndex() + "]" : n.getName())
            .filter(n -> n != null)
            .toList();
    return nodes.size() > 2
        ? String.join(".", nodes.subList(2, nodes.size()))
        : nodes.isEmpty() ? "" : nodes.get(nodes.size() - 1);
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }
}

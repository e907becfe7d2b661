package dev.credence.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Refuses a request whose path or query parameters carry a C0 control character or DEL (percent-
 * encoded: {@code %00}–{@code %1F}, {@code %7F}) with a 400 {@code validation-failed} naming the
 * parameters, never their values. PostgreSQL refuses U+0000 in text, so a NUL in a query parameter
 * that reached a query ({@code ?granteeId=a%00b}) was a 500; request bodies have their own rule
 * ({@code @PlainText}, ingestion's per-record check). No identifier, filter or path segment of this
 * API has a use for a control character.
 */
@ApplicationScoped
public class ControlCharacterFilter {
  /** A percent-encoded C0 control character or DEL. */
  static final Pattern ENCODED_CONTROL = Pattern.compile("%(?:[01][0-9A-Fa-f]|7[Ff])");

  @Inject ObjectMapper mapper;

  void register(@Observes Router router) {
    router.route().order(Integer.MIN_VALUE + 2).handler(this::check);
  }

  void check(RoutingContext rc) {
    String uri = rc.request().uri();
    if (uri == null || !ENCODED_CONTROL.matcher(uri).find()) {
      rc.next(); // the common case: one scan of the request line, nothing decoded
      return;
    }
    List<Map<String, String>> errors = new ArrayList<>();
    int query = uri.indexOf('?');
    String path = query < 0 ? uri : uri.substring(0, query);
    if (ENCODED_CONTROL.matcher(path).find()) {
      errors.add(Map.of("field", "path", "message", "must not contain control characters"));
    }
    if (query >= 0) {
      for (String pair : uri.substring(query + 1).split("&")) {
        if (ENCODED_CONTROL.matcher(pair).find()) {
          String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
          String shown =
              ENCODED_CONTROL.matcher(name).find() || name.length() > 50
                  ? "(unnamed)"
                  : name; // a name is ours (an API parameter); a value is never shown
          errors.add(
              Map.of(
                  "field",
                  "query parameter " + shown,
                  "message",
                  "must not contain control characters"));
        }
      }
    }
    Problem problem =
        new Problem(
            ProblemTypes.VALIDATION_FAILED,
            "The request's path or query parameters contain control characters.",
            rc.request().path() == null || ENCODED_CONTROL.matcher(path).find()
                ? null
                : rc.request().path(),
            Map.of("errors", errors));
    rc.response()
        .setStatusCode(400)
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
        .end(json(problem));
  }

  private String json(Problem problem) {
    try {
      return mapper.writeValueAsString(problem);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

package dev.credence.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a request whose declared {@code Content-Length} exceeds {@code
 * quarkus.http.limits.max-body-size} with a {@code payload-too-large} problem document before the
 * body is read, so an oversized body gets the same RFC 9457 answer as every other error instead of
 * the HTTP layer's bare 413. (A chunked body without a length is still cut off by the HTTP layer at
 * the same limit.)
 */
@ApplicationScoped
public class BodyLimitFilter {
  @Inject ObjectMapper mapper;

  @ConfigProperty(name = "quarkus.http.limits.max-body-size")
  Optional<MemorySize> maxBodySize;

  void register(@Observes Router router) {
    if (maxBodySize.isEmpty()) {
      return;
    }
    long limit = maxBodySize.get().asLongValue();
    router
        .route()
        .order(Integer.MIN_VALUE + 1)
        .handler(
            rc -> {
              String declared = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
              if (declared != null && exceeds(declared, limit)) {
                Problem problem =
                    new Problem(
                        ProblemTypes.PAYLOAD_TOO_LARGE,
                        "The request body is larger than this endpoint accepts ("
                            + limit
                            + " bytes).",
                        rc.request().path(),
                        Map.of("limit", limit));
                rc.response()
                    .setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(json(problem));
                return;
              }
              rc.next();
            });
  }

  private static boolean exceeds(String declared, long limit) {
    try {
      return Long.parseLong(declared.trim()) > limit;
    } catch (NumberFormatException e) {
      return false; // the HTTP layer rejects a malformed length itself
    }
  }

  private String json(Problem problem) {
    try {
      return mapper.writeValueAsString(problem);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("problem document could not be written", e);
    }
  }
}

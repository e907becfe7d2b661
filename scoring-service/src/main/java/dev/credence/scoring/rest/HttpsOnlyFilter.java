package dev.credence.scoring.rest;

import dev.credence.common.problem.ProblemMappers;
import dev.credence.scoring.config.ScoringConfig;
import dev.credence.scoring.service.ScoringProblems;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Lender traffic is HTTPS: with {@code credence.scoring.require-https} the lender endpoints refuse
 * plain HTTP (403 https-required) before anything else happens. Behind a TLS-terminating ingress,
 * enable Quarkus' forwarded-header support ({@code quarkus.http.proxy.*}) so the scheme the client
 * used is seen.
 */
public class HttpsOnlyFilter {
  /** Read through an application-scoped bean: filters are created before runtime config exists. */
  @ApplicationScoped
  static class Policy {
    @Inject ScoringConfig config;

    boolean httpsRequired() {
      return config.requireHttps();
    }
  }

  @Inject Policy policy;

  @ServerRequestFilter(preMatching = true)
  public Response requireHttps(ContainerRequestContext context, HttpServerRequest request) {
    if (!policy.httpsRequired() || "https".equalsIgnoreCase(request.scheme())) {
      return null;
    }
    String path = context.getUriInfo().getPath();
    if (!path.startsWith("/v1/scores") && !path.startsWith("/v1/disclosures")) {
      return null;
    }
    return ProblemMappers.respond(
        ScoringProblems.HTTPS_REQUIRED,
        "Lender endpoints are served over HTTPS only; use the HTTPS port.",
        context.getUriInfo(),
        Map.of());
  }
}

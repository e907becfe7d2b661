package dev.credence.scoring.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.UriBuilder;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * {@code POST /v1/scores:batch} is a custom method (Google AIP-136 style). Some HTTP clients encode
 * the colon as {@code %3A}, which is the same URI (RFC 3986) but would not match the route: this
 * restores it before matching.
 */
public class CustomMethodPaths {

  @ServerRequestFilter(preMatching = true)
  public void decodeColon(ContainerRequestContext context) {
    String raw = context.getUriInfo().getRequestUri().getRawPath();
    if (raw.startsWith("/v1/scores%3A") || raw.startsWith("/v1/scores%3a")) {
      context.setRequestUri(
          UriBuilder.fromUri(context.getUriInfo().getRequestUri())
              .replacePath("/v1/scores:" + raw.substring("/v1/scores%3A".length()))
              .build());
    }
  }
}

package dev.credence.consent.client;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** scoring-service, called with the caller's own bearer token. */
@RegisterRestClient(configKey = "scoring")
@RegisterClientHeaders(CallerTokenHeaders.class)
@Produces(MediaType.APPLICATION_JSON)
public interface ScoringClient {
  /** The caller's own score with its explanation (no disclosure, no inquiry). */
  @GET
  @Path("/v1/me/score")
  JsonNode myScore();
}

package dev.credence.consent.client;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * ingestion-service, called with the caller's own bearer token (propagated: see {@code
 * org.eclipse.microprofile.rest.client.propagateHeaders}); it answers only about the caller.
 */
@RegisterRestClient(configKey = "ingestion")
@RegisterClientHeaders(CallerTokenHeaders.class)
@Produces(MediaType.APPLICATION_JSON)
public interface IngestionClient {
  /** Every record held about the caller: [{recordId, furnisherId, category, status, …}]. */
  @GET
  @Path("/v1/me/records")
  JsonNode myRecords();
}

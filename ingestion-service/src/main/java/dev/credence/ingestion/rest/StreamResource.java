package dev.credence.ingestion.rest;

import dev.credence.common.security.Caller;
import dev.credence.ingestion.service.StreamIngestion;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/records/stream")
@Tag(name = "Records")
public class StreamResource {
  public static final String NDJSON = "application/x-ndjson";

  @Inject StreamIngestion streams;
  @Inject Caller caller;

  @POST
  @RolesAllowed("furnisher")
  @Consumes(NDJSON)
  @Produces(NDJSON)
  @Operation(
      summary = "Stream records as NDJSON (one record envelope per line), any number of lines",
      description =
          "Runs in constant memory: lines are processed in chunks of 500 (one transaction each)"
              + " and each line's outcome is streamed back as an NDJSON line {line,"
              + " furnisherRecordId, outcome, recordId | reason, message}; a final line carries"
              + " the batchId and a summary. A bad line (malformed JSON, prohibited attribute,"
              + " incomplete envelope, schema violation) is REJECTED on its own.")
  @APIResponse(responseCode = "200", description = "Per-line outcomes, streamed")
  public StreamingOutput stream(InputStream body) {
    String furnisherId = caller.clientId();
    return out -> streams.stream(furnisherId, body, out);
  }
}

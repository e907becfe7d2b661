package dev.credence.ingestion.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.credence.common.problem.Problem;
import dev.credence.common.problem.ProblemException;
import dev.credence.common.problem.ProblemTypes;
import dev.credence.common.security.Caller;
import dev.credence.ingestion.config.IngestionConfig;
import dev.credence.ingestion.model.FurnishedRecord;
import dev.credence.ingestion.rest.dto.BatchResponse;
import dev.credence.ingestion.rest.dto.RecordBatch;
import dev.credence.ingestion.rest.dto.RecordView;
import dev.credence.ingestion.service.IngestionService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/records")
@Tag(name = "Records", description = "Furnished records: intake and read-back")
public class RecordResource {
  @Inject IngestionService ingestion;
  @Inject Caller caller;
  @Inject ObjectMapper mapper;
  @Inject IngestionConfig config;

  @POST
  @RolesAllowed("furnisher")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Submit a batch of records",
      description =
          "Up to 1000 records per request. Each record gets an outcome (ACCEPTED, SUPERSEDED,"
              + " DUPLICATE, DELETED for a Metro 2 DA/DF tradeline, or REJECTED with a reason"
              + " code) in request order. A request carrying a prohibited"
              + " attribute anywhere is refused whole (422) and nothing from it is stored.")
  @RequestBody(content = @Content(schema = @Schema(implementation = RecordBatch.class)))
  @APIResponse(
      responseCode = "200",
      description = "Per-record outcomes",
      content = @Content(schema = @Schema(implementation = BatchResponse.class)))
  @APIResponse(
      responseCode = "400",
      description = "Malformed JSON or envelope (nothing stored)",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples =
                  @ExampleObject(
                      name = "validation-failed",
                      value =
                          "{\"type\":\"https://credence.dev/problems/validation-failed\","
                              + "\"title\":\"Request validation failed\",\"status\":400,"
                              + "\"detail\":\"records[0].furnisherRecordId: must not be blank\","
                              + "\"instance\":\"/v1/records\",\"errors\":[{\"field\":"
                              + "\"records[0].furnisherRecordId\",\"message\":\"must not be"
                              + " blank\"}]}")))
  @APIResponse(responseCode = "401", description = "No valid bearer token")
  @APIResponse(responseCode = "403", description = "The caller lacks the furnisher role")
  @APIResponse(
      responseCode = "413",
      description = "More records than the batch limit (nothing stored)",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples =
                  @ExampleObject(
                      name = "batch-too-large",
                      value =
                          "{\"type\":\"https://credence.dev/problems/batch-too-large\","
                              + "\"title\":\"Batch too large\",\"status\":413,\"detail\":\"A"
                              + " batch may hold at most 1000 records; this one holds 1001.\","
                              + "\"instance\":\"/v1/records\",\"limit\":1000,\"received\":1001}")))
  @APIResponse(
      responseCode = "422",
      description = "A prohibited attribute was found (nothing stored)",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              examples =
                  @ExampleObject(
                      name = "prohibited-attribute",
                      value =
                          "{\"type\":\"https://credence.dev/problems/prohibited-attribute\","
                              + "\"title\":\"Prohibited attribute\",\"status\":422,\"detail\":"
                              + "\"Field 'records[0].data.maritalStatus' names a prohibited"
                              + " attribute (marital status; rule ECOA_MARITAL_STATUS, ECOA 15"
                              + " U.S.C. §1691(a)(1), Regulation B 12 CFR §1002.6(b)(9)). Credence"
                              + " never accepts such data; nothing from this request was"
                              + " stored.\",\"instance\":\"/v1/records\",\"violations\":[{"
                              + "\"field\":\"records[0].data.maritalStatus\",\"rule\":"
                              + "\"ECOA_MARITAL_STATUS\",\"law\":\"ECOA 15 U.S.C. §1691(a)(1),"
                              + " Regulation B 12 CFR §1002.6(b)(9)\"}]}")))
  public BatchResponse submit(InputStream body) throws IOException {
    // Read as text (bounded: the HTTP limit is raised for the bulk paths) and parsed here, so a
    // syntax error is reported with its line and column.
    String furnisherId = caller.clientId();
    String text = BoundedBody.read(body, config.maxBatchBytes());
    return ingestion.submit(furnisherId, text.isBlank() ? null : mapper.readTree(text));
  }

  @GET
  @Path("/{id}")
  @RolesAllowed("furnisher")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Read back an accepted record",
      description = "Only the furnisher that sent the record sees it; for anyone else it is 404.")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = RecordView.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such record for this furnisher",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public RecordView get(@PathParam("id") UUID id) throws JsonProcessingException {
    FurnishedRecord r =
        FurnishedRecord.findForFurnisher(id, caller.clientId())
            .orElseThrow(
                () ->
                    new ProblemException(
                        ProblemTypes.NOT_FOUND, "No record " + id + " from this furnisher"));
    return new RecordView(
        r.id,
        r.furnisherRecordId,
        r.category,
        r.schemaVersion,
        r.subjectId,
        r.reportedOn,
        r.receivedAt,
        r.status,
        mapper.readTree(r.data));
  }
}

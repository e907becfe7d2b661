package dev.credence.ingestion.rest;

import dev.credence.common.problem.Problem;
import dev.credence.common.problem.ProblemException;
import dev.credence.common.problem.ProblemTypes;
import dev.credence.common.security.Caller;
import dev.credence.ingestion.service.CsvJobs;
import dev.credence.ingestion.service.CsvJobs.Job;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/record-jobs")
@Tag(name = "Record jobs", description = "CSV uploads processed asynchronously")
@RolesAllowed("furnisher")
public class RecordJobResource {
  @Inject CsvJobs jobs;
  @Inject Caller caller;

  @POST
  @Consumes("text/csv")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Upload a CSV file of records as a job",
      description =
          "Header row required: furnisherRecordId, identifierType, identifier, category (or the"
              + " category query parameter), then the category's data fields by name. 202 with"
              + " the job and its Location; a column naming a prohibited attribute refuses the"
              + " upload whole (422).")
  @APIResponse(responseCode = "202", description = "The job, RUNNING")
  @APIResponse(
      responseCode = "422",
      description = "A column names a prohibited attribute (nothing stored)",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Response upload(@QueryParam("category") String category, InputStream body)
      throws IOException {
    Job job = jobs.submit(caller.clientId(), category, body);
    return Response.accepted(job).location(URI.create("/v1/record-jobs/" + job.jobId())).build();
  }

  @GET
  @Path("/{id}")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Progress of a job (only its furnisher sees it)")
  public Job get(@PathParam("id") UUID id) {
    return jobs.find(caller.clientId(), id).orElseThrow(() -> notFound(id));
  }

  @GET
  @Path("/{id}/rejections")
  @Produces("text/csv")
  @Operation(
      summary = "The rejected rows of a job as CSV: line, furnisherRecordId, reasonCode, message")
  public Response rejections(@PathParam("id") UUID id) {
    jobs.find(caller.clientId(), id).orElseThrow(() -> notFound(id));
    StreamingOutput body = out -> jobs.writeRejections(id, out);
    return Response.ok(body, "text/csv")
        .header("Content-Disposition", "attachment; filename=\"job-" + id + "-rejections.csv\"")
        .build();
  }

  private static ProblemException notFound(UUID id) {
    return new ProblemException(ProblemTypes.NOT_FOUND, "No job " + id + " of this furnisher");
  }
}

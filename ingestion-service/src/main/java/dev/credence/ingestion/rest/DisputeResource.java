package dev.credence.ingestion.rest;

import dev.credence.common.events.DisputeStatus;
import dev.credence.common.problem.Problem;
import dev.credence.common.problem.ProblemException;
import dev.credence.common.problem.ProblemTypes;
import dev.credence.common.security.Caller;
import dev.credence.ingestion.service.DisputeService;
import dev.credence.ingestion.service.DisputeService.Dispute;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/disputes")
@Tag(name = "Disputes", description = "Disputes about the calling furnisher's records")
@RolesAllowed("furnisher")
@Produces(MediaType.APPLICATION_JSON)
public class DisputeResource {
  @Inject DisputeService disputes;
  @Inject Caller caller;

  @GET
  @Operation(
      summary = "Disputes about my records",
      description =
          "Only disputes about records this furnisher sent. respondBy: after it an OPEN dispute"
              + " is suppressed automatically.")
  public List<Dispute> list(@QueryParam("status") String status) {
    return disputes.list(caller.clientId(), status(status));
  }

  @POST
  @Path("/{id}/verify")
  @Operation(
      summary = "Confirm the disputed record as reported (it keeps counting)",
      description = "Confirms the record's current version, the one the dispute is about now.")
  @APIResponse(responseCode = "200", description = "The dispute, now VERIFIED")
  @APIResponse(
      responseCode = "404",
      description = "No such dispute about this furnisher's records",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "409",
      description = "The dispute is no longer OPEN",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Dispute verify(@PathParam("id") UUID id) {
    return disputes.verify(caller.clientId(), id);
  }

  @POST
  @Path("/{id}/correct")
  @Operation(
      summary = "Answer the dispute with the correction already sent",
      description =
          "The version of the record sent since the dispute was opened (same furnisherRecordId)"
              + " is the furnisher's correction. A routine update alone does not answer a"
              + " dispute: it stays OPEN on the new version until verified, corrected or deleted.")
  @APIResponse(responseCode = "200", description = "The dispute, now CORRECTED")
  @APIResponse(
      responseCode = "404",
      description = "No such dispute about this furnisher's records",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "409",
      description =
          "The dispute is no longer OPEN (dispute-closed), or no new version of the record has"
              + " been sent since it was opened (no-correction-sent)",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Dispute correct(@PathParam("id") UUID id) {
    return disputes.correct(caller.clientId(), id);
  }

  @POST
  @Path("/{id}/delete")
  @Operation(summary = "Delete the disputed record (withdrawn as DELETED)")
  @APIResponse(responseCode = "200", description = "The dispute, now DELETED")
  @APIResponse(
      responseCode = "404",
      description = "No such dispute about this furnisher's records",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  @APIResponse(
      responseCode = "409",
      description = "The dispute is no longer OPEN",
      content = @Content(mediaType = Problem.MEDIA_TYPE))
  public Dispute delete(@PathParam("id") UUID id) {
    return disputes.delete(caller.clientId(), id);
  }

  private static Optional<DisputeStatus> status(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String name = value.strip().toUpperCase(Locale.ROOT);
    return Optional.of(
        Arrays.stream(DisputeStatus.values())
            .filter(s -> s.name().equals(name))
            .findFirst()
            .orElseThrow(
                () ->
                    new ProblemException(
                        ProblemTypes.VALIDATION_FAILED,
                        "status must be one of " + Arrays.toString(DisputeStatus.values()))));
  }
}

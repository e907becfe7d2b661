package dev.credence.scoring.rest;

import dev.credence.common.problem.Problem;
import dev.credence.common.problem.ProblemException;
import dev.credence.common.security.Caller;
import dev.credence.scoring.rest.dto.ScoreResponse;
import dev.credence.scoring.service.DisclosureService;
import dev.credence.scoring.service.ScoringProblems;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A lender reads back one of its own disclosures; anyone else's does not exist for it. */
@Path("/v1/disclosures")
@Tag(name = "Disclosures", description = "Scores a lender obtained, read back")
@RolesAllowed("lender")
@Produces(MediaType.APPLICATION_JSON)
public class DisclosureResource {
  @Inject DisclosureService disclosures;
  @Inject Caller caller;

  @GET
  @Path("/{id}")
  @Operation(summary = "A disclosure of the calling lender, as it was released")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = ScoreResponse.class)))
  @APIResponse(
      responseCode = "404",
      description = "No such disclosure for this lender (another lender's is never confirmed)",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public ScoreResponse get(@PathParam("id") UUID id) {
    return disclosures
        .find(id, caller.clientId())
        .map(ScoreResponse::from)
        .orElseThrow(
            () ->
                new ProblemException(
                    ScoringProblems.DISCLOSURE_NOT_FOUND,
                    "No disclosure " + id + " exists for this lender."));
  }
}

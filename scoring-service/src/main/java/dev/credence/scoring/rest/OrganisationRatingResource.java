package dev.credence.scoring.rest;

import dev.credence.common.problem.Problem;
import dev.credence.common.security.Caller;
import dev.credence.scoring.domain.OrganisationRating;
import dev.credence.scoring.rest.dto.ModelRef;
import dev.credence.scoring.rest.dto.NoScoreReasonDto;
import dev.credence.scoring.rest.dto.OrganisationRatingDto;
import dev.credence.scoring.rest.dto.ReasonCodeDto;
import dev.credence.scoring.rest.dto.Scale;
import dev.credence.scoring.service.OrganisationRatingService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An officer's view of their organisation's own compliance rating, every deduction explained. */
@Path("/v1/me/organisation-rating")
@Tag(name = "My score", description = "A person's own score and explanation (role individual)")
@Produces(MediaType.APPLICATION_JSON)
public class OrganisationRatingResource {
  /** The header an officer names the organisation with, as in consent-service. */
  public static final String ORGANISATION_HEADER = "Credence-Organisation";

  @Inject OrganisationRatingService ratings;
  @Inject Caller caller;

  public record OwnRatingView(
      String organisationId,
      @Schema(enumeration = {"SCORED", "NO_SCORE"}) String outcome,
      @Schema(nullable = true, description = "The compliance rating, 0-100") Integer score,
      Scale scale,
      @Schema(nullable = true, description = "A >= 90, B 70-89, C 40-69, D < 40") String grade,
      @Schema(description = "Deductions summed by reason code, the four costliest first")
          List<ReasonCodeDto> reasonCodes,
      @Schema(nullable = true) NoScoreReasonDto noScoreReason,
      OrganisationRatingDto organisation,
      @Schema(description = "Records of the organisation under an open dispute (they count)")
          int disputedRecords,
      ModelRef model,
      @Schema(nullable = true) LocalDate dataAsOf,
      Instant computedAt,
      String snapshotHash) {}

  @GET
  @RolesAllowed("officer")
  @Operation(
      summary = "My organisation's rating, explained",
      description =
          "For an officer currently linked to the organisation named in the Credence-Organisation"
              + " header (the link an operator makes in consent-service). The same model, records"
              + " and rules as a lender's answer; not a disclosure: no inquiry is recorded and no"
              + " lender is told.")
  @APIResponse(
      responseCode = "200",
      description = "The rating (or NO_SCORE with a reason)",
      content = @Content(schema = @Schema(implementation = OwnRatingView.class)))
  @APIResponse(
      responseCode = "403",
      description = "not-an-officer-of-organisation: not a current officer of that organisation",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public OwnRatingView mine(@HeaderParam(ORGANISATION_HEADER) String organisationId) {
    var own = ratings.forOfficer(caller.subjectId(), organisationId);
    OrganisationRating r = own.rating();
    return new OwnRatingView(
        own.organisationId(),
        r.rated() ? "SCORED" : "NO_SCORE",
        r.rating(),
        new Scale(own.model().floor(), own.model().start()),
        r.grade(),
        own.reasonCodes().stream()
            .map(c -> new ReasonCodeDto(c.code(), c.text(), c.pointsLost()))
            .toList(),
        r.noScoreReason() == null
            ? null
            : new NoScoreReasonDto(r.noScoreReason().name(), r.noScoreReason().text()),
        OrganisationRatingDto.of(
            r.rating(), r.grade(), r.paymentIndex(), r.deductions(), r.penaltyDomains()),
        own.disputedRecords(),
        new ModelRef(own.model().id(), own.model().version()),
        r.dataAsOf(),
        own.computedAt(),
        own.snapshotHash());
  }
}

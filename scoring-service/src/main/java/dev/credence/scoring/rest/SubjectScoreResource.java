package dev.credence.scoring.rest;

import dev.credence.common.security.Caller;
import dev.credence.scoring.domain.Contribution;
import dev.credence.scoring.domain.ReasonCode;
import dev.credence.scoring.domain.ScoreOutcome;
import dev.credence.scoring.domain.WhatIf;
import dev.credence.scoring.service.SubjectScoreService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The person's own score, every factor in plain language, and what would raise it. */
@Path("/v1/me/score")
@Tag(name = "My score", description = "A person's own score and explanation (role individual)")
@Produces(MediaType.APPLICATION_JSON)
public class SubjectScoreResource {
  @Inject SubjectScoreService scores;
  @Inject Caller caller;

  public record Factor(
      String feature,
      String reasonCode,
      String text,
      Object value,
      int points,
      int maxPoints,
      int pointsLost) {}

  public record Model(String id, String version) {}

  /**
   * A record the person disputes (dispute OPEN). It still counts in the score, flagged "disputed by
   * consumer", until the furnisher verifies, corrects or deletes it, or the dispute window lapses.
   */
  public record DisputedRecord(
      UUID recordId,
      String category,
      String furnisherId,
      LocalDate reportedOn,
      UUID disputeId,
      Instant disputedSince,
      boolean countsInScore,
      String note) {}

  static final String DISPUTED_NOTE =
      "Disputed by consumer: the record still counts until the furnisher responds (verified,"
          + " corrected or deleted) or the dispute window lapses and it is suppressed.";

  public record OwnScoreView(
      String subjectId,
      String outcome,
      Integer score,
      String band,
      Integer scaleMin,
      Integer scaleMax,
      List<ReasonCode> keyFactors,
      List<Factor> factors,
      WhatIf.Plan whatIf,
      @Schema(
              description =
                  "The same question answered with only the changes the person can make now"
                      + " (lever ACTION: pay down balances, settle an account, open or close"
                      + " accounts), leaving out what only time moves; reachable false with the"
                      + " largest gain when those cannot reach the target")
          WhatIf.Plan whatIfNow,
      String noScoreReason,
      String noScoreText,
      Model model,
      LocalDate dataAsOf,
      List<DisputedRecord> disputedRecords,
      Instant computedAt) {}

  @GET
  @RolesAllowed("individual")
  @Operation(
      summary = "My score, explained, with a what-if",
      description =
          "Computed on the caller's own file with the current model. Not a disclosure: no lender is"
              + " told and no inquiry is recorded. `whatIfPoints` asks for the smallest changes to"
              + " the caller's own feature values that would raise the score by that many points.")
  public OwnScoreView mine(
      @QueryParam("whatIfPoints") @DefaultValue("20") @Min(1) @Max(550) int whatIfPoints) {
    var own = scores.ownScore(caller.subjectId(), whatIfPoints);
    var card = own.card();
    var model = new Model(card.id(), card.version());
    LocalDate asOf = own.extraction().asOf();
    if (own.outcome() instanceof ScoreOutcome.NoScore none) {
      return new OwnScoreView(
          own.subjectId(),
          "NO_SCORE",
          null,
          null,
          card.scaling().min(),
          card.scaling().max(),
          List.of(),
          List.of(),
          null,
          null,
          none.reason().name(),
          none.reason().text(),
          model,
          asOf,
          disputed(own),
          own.computedAt());
    }
    var result = ((ScoreOutcome.Scored) own.outcome()).result();
    List<Factor> factors =
        result.contributions().stream().map(SubjectScoreResource::factor).toList();
    return new OwnScoreView(
        own.subjectId(),
        "SCORED",
        result.score(),
        result.band(),
        card.scaling().min(),
        card.scaling().max(),
        result.reasonCodes(),
        factors,
        own.whatIf(),
        own.whatIfNow(),
        null,
        null,
        model,
        asOf,
        disputed(own),
        own.computedAt());
  }

  private static List<DisputedRecord> disputed(SubjectScoreService.OwnScore own) {
    return own.disputedRecords().stream()
        .map(
            d ->
                new DisputedRecord(
                    d.recordId(),
                    d.category(),
                    d.furnisherId(),
                    d.reportedOn(),
                    d.disputeId(),
                    d.disputedSince(),
                    true,
                    DISPUTED_NOTE))
        .toList();
  }

  private static Factor factor(Contribution c) {
    ReasonCode code = c.reasonCode();
    return new Factor(
        c.feature().name(),
        code.code(),
        code.text(),
        c.value(),
        c.points(),
        c.feature().bestAttainablePoints(c.value()),
        c.pointsLost());
  }
}

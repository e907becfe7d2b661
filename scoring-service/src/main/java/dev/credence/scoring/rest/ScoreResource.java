package dev.credence.scoring.rest;

import dev.credence.common.events.Purpose;
import dev.credence.common.problem.Problem;
import dev.credence.common.problem.ProblemException;
import dev.credence.common.security.Caller;
import dev.credence.scoring.config.ScoringConfig;
import dev.credence.scoring.rest.dto.BatchItem;
import dev.credence.scoring.rest.dto.BatchItemResult;
import dev.credence.scoring.rest.dto.BatchScoreRequest;
import dev.credence.scoring.rest.dto.BatchScoreResponse;
import dev.credence.scoring.rest.dto.ScoreRequest;
import dev.credence.scoring.rest.dto.ScoreResponse;
import dev.credence.scoring.service.BatchScoringService;
import dev.credence.scoring.service.BatchScoringService.ItemOutcome;
import dev.credence.scoring.service.DisclosureView;
import dev.credence.scoring.service.ScoreCommand;
import dev.credence.scoring.service.ScoringMetrics;
import dev.credence.scoring.service.ScoringProblems;
import dev.credence.scoring.service.ScoringService;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The lender's door: a score for one subject, or an account review of many. */
@Path("/v1")
@Tag(name = "Scores", description = "Consent-gated, explained scores for lenders (HTTPS)")
@RolesAllowed("lender")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ScoreResource {
  @Inject ScoringService scoring;
  @Inject BatchScoringService batch;
  @Inject ScoringMetrics metrics;
  @Inject ScoringConfig config;
  @Inject Caller caller;

  @POST
  @Path("/scores")
  @Operation(
      summary = "Score a subject",
      description =
          "Requires an ACTIVE DISCLOSE consent of the subject for the calling lender and purpose,"
              + " valid now and with uses left. Every answer (SCORED or NO_SCORE) is a disclosure;"
              + " a credit application also records a hard inquiry.")
  @APIResponse(
      responseCode = "200",
      description = "Score released (or NO_SCORE under the minimum scoring criteria)",
      content = @Content(schema = @Schema(implementation = ScoreResponse.class)))
  @APIResponse(
      responseCode = "400",
      description = "Malformed or invalid request",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "401",
      description = "No valid bearer token",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "403",
      description = "consent-required, consent-usage-exhausted, https-required, or not a lender",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "404",
      description = "unknown-subject",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "422",
      description = "purpose-not-disclosable",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<ScoreResponse> score(@NotNull @Valid ScoreRequest request) {
    // On the event loop, all of it: the token was checked and the body read, parsed and validated
    // here; the identifier, the consents and the file are read through the reactive client, the
    // score is computed when the file arrives, and the release joins the next group commit. The
    // answer is written once the release is durable, on this request's event loop (the commit's
    // answer may arrive on the other one). Only a limited consent or a shadow challenger moves to a
    // worker (ScoringService.releaseNonBlocking).
    ScoreCommand command =
        new ScoreCommand(
            request.subject().identifierType(),
            request.subject().identifier(),
            request.purpose(),
            request.consentId());
    Uni<DisclosureView> released =
        onThisEventLoop(scoring.releaseNonBlocking(caller.clientId(), command));
    return released
        .onItem()
        .transform(
            view -> {
              metrics.released(view);
              return ScoreResponse.from(view);
            })
        .onFailure(ProblemException.class)
        .invoke(e -> metrics.refused(((ProblemException) e).type().slug()));
  }

  /**
   * Continues on the request's own event loop: a commit's answer may arrive on the other one, and
   * RESTEasy writes the response from the request's context.
   */
  private static <T> Uni<T> onThisEventLoop(Uni<T> work) {
    io.vertx.core.Context requestLoop = Vertx.currentContext();
    if (requestLoop == null) {
      return work;
    }
    return work.emitOn(
        task -> {
          if (Vertx.currentContext() == requestLoop) {
            task.run(); // already there: no hop
          } else {
            requestLoop.runOnContext(ignored -> task.run());
          }
        });
  }

  @POST
  @Path("/scores:batch")
  @Operation(
      summary = "Account review of many subjects",
      description =
          "Up to credence.scoring.batch-limit (default 100) items, purpose ACCOUNT_REVIEW (a soft"
              + " inquiry). Each item is decided and recorded on its own: the response carries a"
              + " result or a problem per item: REFUSED, or FAILED when the database could not"
              + " decide or confirm that item (a database failure fails no other item).")
  @APIResponse(
      responseCode = "200",
      description = "Per-item outcomes",
      content = @Content(schema = @Schema(implementation = BatchScoreResponse.class)))
  @APIResponse(
      responseCode = "413",
      description = "batch-too-large",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "422",
      description = "batch-purpose-not-allowed",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Uni<BatchScoreResponse> scoreBatch(
      @NotNull @Valid BatchScoreRequest request, @Context UriInfo uri) {
    Purpose purpose = request.purpose() == null ? Purpose.ACCOUNT_REVIEW : request.purpose();
    if (purpose != Purpose.ACCOUNT_REVIEW) {
      throw new ProblemException(
          ScoringProblems.BATCH_PURPOSE,
          "A batch is an account review; request " + purpose.name() + " scores one at a time.",
          Map.of("purpose", purpose.name()));
    }
    if (request.items().size() > config.batchLimit()) {
      throw new ProblemException(
          ScoringProblems.BATCH_TOO_LARGE,
          "A batch holds at most "
              + config.batchLimit()
              + " items; this one has "
              + request.items().size()
              + ".",
          Map.of("limit", config.batchLimit()));
    }
    String lender = caller.clientId();
    List<ScoreCommand> commands =
        request.items().stream()
            .map(
                i ->
                    new ScoreCommand(
                        i.subject().identifierType(),
                        i.subject().identifier(),
                        purpose,
                        i.consentId()))
            .toList();
    String instance = uri.getRequestUri().getRawPath();
    return onThisEventLoop(batch.score(lender, commands))
        .map(outcomes -> answer(request, outcomes, instance));
  }

  private BatchScoreResponse answer(
      BatchScoreRequest request, List<ItemOutcome> outcomes, String instance) {
    List<BatchItemResult> results = new ArrayList<>(outcomes.size());
    int scored = 0;
    int noScore = 0;
    int refused = 0;
    int failed = 0;
    for (int i = 0; i < outcomes.size(); i++) {
      BatchItem item = request.items().get(i);
      ItemOutcome outcome = outcomes.get(i);
      if (outcome.released() != null) {
        DisclosureView view = outcome.released();
        metrics.released(view);
        if (DisclosureView.SCORED.equals(view.outcome())) {
          scored++;
        } else {
          noScore++;
        }
        results.add(
            new BatchItemResult(
                i, item.reference(), view.outcome(), ScoreResponse.from(view), null));
      } else {
        ProblemException e = outcome.problem();
        metrics.refused(e.type().slug());
        boolean itemFailed = outcome.failed();
        if (itemFailed) {
          failed++;
        } else {
          refused++;
        }
        results.add(
            new BatchItemResult(
                i,
                item.reference(),
                itemFailed ? "FAILED" : "REFUSED",
                null,
                new Problem(e.type(), e.getMessage(), instance, e.extensions())));
      }
    }
    return new BatchScoreResponse(scored, noScore, refused, failed, results);
  }
}

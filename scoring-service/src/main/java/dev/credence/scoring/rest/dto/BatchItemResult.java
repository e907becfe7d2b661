package dev.credence.scoring.rest.dto;

import dev.credence.common.problem.Problem;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One item's outcome: SCORED or NO_SCORE with its result, or REFUSED with the problem. */
public record BatchItemResult(
    int index,
    String reference,
    @Schema(enumeration = {"SCORED", "NO_SCORE", "REFUSED"}) String outcome,
    @Schema(nullable = true) ScoreResponse result,
    @Schema(nullable = true) Problem problem) {}

package dev.credence.scoring.rest.dto;

import dev.credence.common.problem.Problem;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One item's outcome: SCORED or NO_SCORE with its result, REFUSED with the problem that refused it
 * (4xx), or FAILED with the problem that stopped it (5xx: {@code database-unavailable}, nothing of
 * it stored, or {@code release-outcome-unknown}, with the disclosure id to look up).
 */
public record BatchItemResult(
    int index,
    String reference,
    @Schema(enumeration = {"SCORED", "NO_SCORE", "REFUSED", "FAILED"}) String outcome,
    @Schema(nullable = true) ScoreResponse result,
    @Schema(nullable = true) Problem problem) {}

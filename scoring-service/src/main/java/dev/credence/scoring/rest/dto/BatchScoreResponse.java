package dev.credence.scoring.rest.dto;

import java.util.List;

/**
 * A batch's outcomes: how many items were scored, released as {@code NO_SCORE}, refused (4xx: not
 * released, nothing stored) and failed (5xx: the database could not be reached, or a release's
 * commit was not confirmed; each failed item's problem says which).
 */
public record BatchScoreResponse(
    int scored, int noScore, int refused, int failed, List<BatchItemResult> items) {}

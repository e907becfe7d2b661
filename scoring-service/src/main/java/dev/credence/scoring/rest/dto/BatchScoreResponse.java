package dev.credence.scoring.rest.dto;

import java.util.List;

public record BatchScoreResponse(
    int scored, int noScore, int refused, List<BatchItemResult> items) {}

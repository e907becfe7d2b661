package dev.credence.scoring.domain;

import java.util.List;

/** A number from a scorecard: the total, its band, every contribution, and the key factors. */
public record ScoreResult(
    int score, String band, List<Contribution> contributions, List<ReasonCode> reasonCodes) {}

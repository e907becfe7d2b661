package dev.credence.scoring.domain;

/**
 * Either a score or, when the file fails the minimum scoring criteria, the reason there is none.
 */
public sealed interface ScoreOutcome {

  record Scored(ScoreResult result) implements ScoreOutcome {}

  record NoScore(NoScoreReason reason) implements ScoreOutcome {}
}

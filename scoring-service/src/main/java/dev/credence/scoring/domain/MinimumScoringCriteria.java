package dev.credence.scoring.domain;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The file must hold at least {@code minimumTradelines} tradelines, at least one of them reported
 * in the {@code recentActivityMonths} before the scoring date; otherwise there is no score.
 */
public record MinimumScoringCriteria(Integer minimumTradelines, Integer recentActivityMonths) {

  public Optional<NoScoreReason> check(FileSummary summary, LocalDate asOf) {
    if (summary.tradelines() < minimumTradelines) {
      return Optional.of(NoScoreReason.NO_TRADELINES);
    }
    LocalDate latest = summary.latestTradelineReportedOn();
    if (latest == null || latest.isBefore(asOf.minusMonths(recentActivityMonths))) {
      return Optional.of(NoScoreReason.NO_RECENT_ACTIVITY);
    }
    return Optional.empty();
  }
}

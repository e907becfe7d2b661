package dev.credence.scoring.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Scores a feature vector with a scorecard. The score is exactly the sum of the points of the bins
 * the values fall in (a missing value or unlisted category scores the missing bin); there is no
 * other term. A valid scorecard's totals lie inside its scale, so nothing is clamped.
 */
public final class ScoreCalculator {
  public static final int MAX_KEY_FACTORS = 4;

  /** Applies the minimum scoring criteria first: a thin or stale file gets no number. */
  public ScoreOutcome evaluate(Scorecard card, Extraction extraction) {
    return card.minimumScoringCriteria()
        .check(extraction.summary(), extraction.asOf())
        .<ScoreOutcome>map(ScoreOutcome.NoScore::new)
        .orElseGet(() -> new ScoreOutcome.Scored(score(card, extraction.features())));
  }

  public ScoreResult score(Scorecard card, FeatureVector vector) {
    List<Contribution> contributions = new ArrayList<>(card.features().size());
    int total = 0;
    for (ScorecardFeature feature : card.features()) {
      Object value = vector.value(feature.name());
      int bin = value == null ? -1 : feature.binIndexOf(value);
      int points = bin < 0 ? feature.missingPoints() : feature.bins().get(bin).points();
      contributions.add(
          new Contribution(feature, value, bin, points, feature.pointsLost(value, points)));
      total += points;
    }
    String band = card.bandFor(total).map(Band::name).orElse(null);
    return new ScoreResult(total, band, List.copyOf(contributions), reasonCodes(contributions));
  }

  /**
   * Up to four features that cost points, most points lost first (ties keep the model's feature
   * order), plus the inquiries feature when it cost points and is not already among them.
   */
  static List<ReasonCode> reasonCodes(List<Contribution> contributions) {
    List<Contribution> losers =
        contributions.stream()
            .filter(c -> c.pointsLost() > 0)
            .sorted(Comparator.comparingInt(Contribution::pointsLost).reversed())
            .toList();
    List<Contribution> chosen =
        new ArrayList<>(losers.subList(0, Math.min(MAX_KEY_FACTORS, losers.size())));
    losers.stream()
        .filter(c -> FeatureCatalog.isInquiryFeature(c.feature().name()))
        .filter(c -> !chosen.contains(c))
        .findFirst()
        .ifPresent(chosen::add);
    return chosen.stream().map(Contribution::reasonCode).toList();
  }
}

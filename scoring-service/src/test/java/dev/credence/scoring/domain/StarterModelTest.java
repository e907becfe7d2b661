package dev.credence.scoring.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;

/** The starter model's points are exactly what docs/scoring.md says they were derived from. */
class StarterModelTest {
  final Scorecard card = TestModels.starter();

  long expectedPoints(double woe) {
    double share = card.scaling().baseScore() / card.features().size();
    return Math.round(share + card.scaling().factor() * woe);
  }

  @Test
  void everyBinsPointsFollowFromItsWeightOfEvidenceAndTheScaling() {
    for (ScorecardFeature f : card.features()) {
      for (Bin b : f.bins()) {
        assertNotNull(b.woe(), f.name() + " " + b.label());
        assertEquals(expectedPoints(b.woe()), (long) b.points(), f.name() + " " + b.label());
      }
      assertEquals(expectedPoints(f.missingWoe()), (long) f.missingPoints(), f.name() + " missing");
    }
  }

  @Test
  void scalingConstantsAreTheDocumentedOnes() {
    assertEquals(28.8539, card.scaling().factor(), 1e-4);
    assertEquals(501.8622, card.scaling().offset(), 1e-4);
  }

  @Test
  void aFileAtPopulationAverageEverywhereScoresTheBaseScore() {
    // WoE 0 in every feature = population odds = base odds 30:1 → 600 points
    double total = card.features().size() * expectedPoints(0.0);
    assertEquals(600.0, total);
  }

  @Test
  void attainableTotalsSpanMostOfThePublishedScale() {
    assertEquals(300, card.minimumTotal());
    assertEquals(831, card.maximumTotal());
  }
}

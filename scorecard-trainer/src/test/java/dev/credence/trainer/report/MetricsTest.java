package dev.credence.trainer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MetricsTest {
  @Test
  void aucIsTheShareOfGoodBadPairsOrderedRightWithTiesCountingHalf() {
    // goods: 3, 5 ; bads: 1, 3  -> pairs (3>1) (3=3 half) (5>1) (5>3) = 3.5 / 4
    int[] score = {3, 5, 1, 3};
    boolean[] bad = {false, false, true, true};
    assertEquals(0.875, Metrics.auc(score, bad), 1e-12);
  }

  @Test
  void perfectAndReversedScores() {
    boolean[] bad = {true, true, false, false};
    assertEquals(1.0, Metrics.auc(new int[] {1, 2, 3, 4}, bad), 1e-12);
    assertEquals(0.0, Metrics.auc(new int[] {4, 3, 2, 1}, bad), 1e-12);
    assertEquals(1.0, Metrics.ks(new int[] {1, 2, 3, 4}, bad).value(), 1e-12);
    assertEquals(2.0, Metrics.ks(new int[] {1, 2, 3, 4}, bad).atScore(), 1e-12);
  }

  @Test
  void ksIsTheLargestGapBetweenTheCumulativeDistributions() {
    int[] score = {1, 2, 3, 4, 5, 6};
    boolean[] bad = {true, false, true, false, false, false};
    // at score 3: bads 2/2, goods 1/4 -> 0.75
    assertEquals(0.75, Metrics.ks(score, bad).value(), 1e-12);
  }
}

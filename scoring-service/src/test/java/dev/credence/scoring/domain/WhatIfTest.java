package dev.credence.scoring.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WhatIfTest {
  private static final long SEED = 20261128L;
  private final Scorecard card = TestModels.starter();
  private final ScoreCalculator calculator = new ScoreCalculator();

  private static Map<String, Object> weakFile() {
    Map<String, Object> values = new HashMap<>();
    values.put("worst_delinquency_24m", 45.0);
    values.put("revolving_utilisation", 82.0);
    values.put("months_since_oldest_account", 20.0);
    values.put("open_accounts", 2.0);
    values.put("hard_inquiries_12m", 3.0);
    values.put("derogatory_accounts", 0.0);
    return values;
  }

  /** Every feature of the card at a random value in 0..199. */
  private Map<String, Object> randomValues(Random random) {
    Map<String, Object> values = new HashMap<>();
    for (ScorecardFeature f : card.features()) {
      values.put(f.name(), (double) random.nextInt(200));
    }
    return values;
  }

  private int rescoreWith(Map<String, Object> values, WhatIf.Plan plan) {
    Map<String, Object> changed = new HashMap<>(values);
    plan.changes().forEach(c -> changed.put(c.feature(), c.suggestedValue()));
    return calculator.score(card, FeatureVector.of(changed)).score();
  }

  @Test
  void applyingThePlanGivesTheProjectedScoreAndReachesTheTarget() {
    Map<String, Object> values = weakFile();
    ScoreResult current = calculator.score(card, FeatureVector.of(values));
    WhatIf.Plan plan = WhatIf.plan(current, 40);
    assertTrue(plan.reachable());
    assertEquals(rescoreWith(values, plan), plan.projectedScore());
    assertTrue(plan.projectedScore() >= current.score() + 40);
  }

  @Test
  void aSmallTargetNeedsExactlyOneChangeToTheNearestBetterBin() {
    ScoreResult current = calculator.score(card, FeatureVector.of(weakFile()));
    WhatIf.Plan plan = WhatIf.plan(current, 1);
    assertEquals(1, plan.changes().size());
    WhatIf.Change change = plan.changes().get(0);
    // the cheapest single step: one bin away from where the value is
    Contribution was =
        current.contributions().stream()
            .filter(c -> c.feature().name().equals(change.feature()))
            .findFirst()
            .orElseThrow();
    int binNow = was.binIndex();
    int binThen = was.feature().binIndexOf(change.suggestedValue());
    assertEquals(1, Math.abs(binThen - binNow), change.toString());
    // and it says, in plain words, how the person can move that feature
    assertEquals(
        FeatureCatalog.definition(change.feature()).orElseThrow().howToChange(),
        change.howToChange());
  }

  @Test
  void everyFeatureSaysHowAPersonCanMoveIt() {
    for (String name : FeatureCatalog.names()) {
      String how = FeatureCatalog.definition(name).orElseThrow().howToChange();
      assertTrue(how != null && how.length() > 20, name + ": " + how);
    }
  }

  @Test
  void utilisationIsToldAsTheEdgeToGetBelow() {
    Bin fiftyToSeventyFive = card.features().get(1).bins().get(3);
    assertEquals("below 75 and at least 50", WhatIf.target(82.0, fiftyToSeventyFive));
    assertEquals(74.0, WhatIf.nearestInside(82.0, fiftyToSeventyFive));
    assertEquals(
        "at least 36 and below 84", WhatIf.target(20.0, card.features().get(2).bins().get(2)));
    assertEquals(36.0, WhatIf.nearestInside(20.0, card.features().get(2).bins().get(2)));
  }

  @Test
  void anUnreachableTargetReturnsTheLargestAttainableGain() {
    Map<String, Object> values = weakFile();
    ScoreResult current = calculator.score(card, FeatureVector.of(values));
    int ceiling = card.maximumTotal() - current.score();
    WhatIf.Plan plan = WhatIf.plan(current, ceiling + 1);
    assertFalse(plan.reachable());
    assertEquals(card.maximumTotal(), plan.projectedScore());
    assertEquals(plan.projectedScore(), rescoreWith(values, plan));
  }

  @Test
  void aMissingValueIsNeverPartOfThePlan() {
    Map<String, Object> values = weakFile();
    values.remove("revolving_utilisation");
    ScoreResult current = calculator.score(card, FeatureVector.of(values));
    WhatIf.Plan plan = WhatIf.plan(current, 500);
    assertTrue(plan.changes().stream().noneMatch(c -> c.feature().equals("revolving_utilisation")));
  }

  @Test
  void forRandomFilesEveryReachablePlanIsExactAndNoSingleChangeWouldHaveDone() {
    Random random = new Random(SEED);
    for (int i = 0; i < 300; i++) {
      Map<String, Object> values = randomValues(random);
      ScoreResult current = calculator.score(card, FeatureVector.of(values));
      int target = 1 + random.nextInt(120);
      WhatIf.Plan plan = WhatIf.plan(current, target);
      String why = "seed " + SEED + " case " + i + " " + values + " target " + target;
      assertEquals(rescoreWith(values, plan), plan.projectedScore(), why);
      if (plan.reachable()) {
        assertTrue(plan.projectedScore() >= current.score() + target, why);
        if (plan.changes().size() > 1) {
          int bestSingle =
              current.contributions().stream().mapToInt(Contribution::pointsLost).max().orElse(0);
          assertTrue(bestSingle < target, "a single change would have reached it: " + why);
        }
      } else {
        assertEquals(
            card.maximumTotal() - current.score(), plan.projectedScore() - current.score(), why);
      }
    }
  }

  @Test
  void forRandomFilesTheActNowPlanUsesOnlyWhatAPersonCanDoAndTimeOnlyChangesAreALastResort() {
    Random random = new Random(SEED + 1);
    for (int i = 0; i < 300; i++) {
      Map<String, Object> values = randomValues(random);
      ScoreResult current = calculator.score(card, FeatureVector.of(values));
      int target = 1 + random.nextInt(120);
      WhatIf.Plan plan = WhatIf.plan(current, target);
      WhatIf.Plan now = WhatIf.actNow(current, target);
      String why = "seed " + (SEED + 1) + " case " + i + " " + values + " target " + target;
      assertTrue(
          now.changes().stream().allMatch(c -> c.lever() == FeatureCatalog.Lever.ACTION), why);
      assertEquals(rescoreWith(values, now), now.projectedScore(), why);
      if (now.reachable()) {
        assertTrue(now.projectedScore() >= current.score() + target, why);
        assertTrue(now.changes().size() >= plan.changes().size(), "plan is the smallest: " + why);
      }
      // the plan takes a change only time can make only when acting alone needs more changes
      boolean usesTime =
          plan.changes().stream().anyMatch(c -> c.lever() == FeatureCatalog.Lever.TIME);
      if (plan.reachable() && usesTime) {
        assertTrue(
            !now.reachable() || now.changes().size() > plan.changes().size(),
            "acting alone would have done it with as few changes: " + why);
      }
    }
  }

  @Test
  void everyChangeSaysWhetherThePersonCanMakeItNow() {
    assertEquals(
        FeatureCatalog.Lever.ACTION, FeatureCatalog.lever(FeatureCatalog.REVOLVING_UTILISATION));
    assertEquals(
        FeatureCatalog.Lever.TIME, FeatureCatalog.lever(FeatureCatalog.HARD_INQUIRIES_12M));
    assertEquals(
        FeatureCatalog.Lever.TIME,
        FeatureCatalog.lever(FeatureCatalog.MONTHS_SINCE_OLDEST_ACCOUNT));
    ScoreResult current = calculator.score(card, FeatureVector.of(weakFile()));
    WhatIf.Plan plan = WhatIf.plan(current, 1);
    // several single one-bin steps would do; one the person can take now is preferred
    assertEquals(FeatureCatalog.Lever.ACTION, plan.changes().get(0).lever(), plan.toString());
  }

  @Test
  void aTargetBelowOnePointIsRefused() {
    ScoreResult current = calculator.score(card, FeatureVector.of(weakFile()));
    assertThrows(IllegalArgumentException.class, () -> WhatIf.plan(current, 0));
  }
}

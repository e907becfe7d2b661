package dev.credence.scoring.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
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

  /**
   * Every feature of the card at a random value in 0..199; open accounts and inquiries half the
   * time in 0..9, where opening an account can pay and its inquiry costs.
   */
  private Map<String, Object> randomValues(Random random) {
    Map<String, Object> values = new HashMap<>();
    for (ScorecardFeature f : card.features()) {
      values.put(f.name(), (double) random.nextInt(200));
    }
    if (random.nextBoolean()) {
      values.put(FeatureCatalog.OPEN_ACCOUNTS, (double) random.nextInt(10));
      values.put(FeatureCatalog.HARD_INQUIRIES_12M, (double) random.nextInt(10));
    }
    return values;
  }

  /** The suggested values applied, plus the hard inquiry each account opened brings. */
  private int rescoreWith(Map<String, Object> values, WhatIf.Plan plan) {
    return ExplanationContractTest.rescored(card, values, plan);
  }

  /**
   * Independent reference: every combination of moves (each feature to a bin in the direction it
   * can move, gaining points by itself), scored by the calculator with one more hard inquiry per
   * account opened, closing at most {@code closable} accounts. Returns {fewest changes reaching the
   * target (MAX_VALUE if none), largest gain}.
   */
  private int[] bruteForce(
      Map<String, Object> values, int current, int target, boolean now, int closable) {
    Map<String, String> direction =
        Map.of(
            "months_since_oldest_account", "UP",
            "revolving_utilisation", "BOTH",
            "open_accounts", "BOTH",
            "worst_delinquency_24m", "DOWN",
            "hard_inquiries_12m", "DOWN",
            "derogatory_accounts", "DOWN");
    java.util.List<ScorecardFeature> movable = new java.util.ArrayList<>();
    java.util.List<java.util.List<Double>> targets = new java.util.ArrayList<>();
    for (ScorecardFeature f : card.features()) {
      if (now && FeatureCatalog.lever(f.name()) == FeatureCatalog.Lever.TIME) {
        continue;
      }
      Double v = (Double) values.get(f.name());
      if (v == null) {
        continue;
      }
      int at = f.binIndexOf(v);
      java.util.List<Double> to = new java.util.ArrayList<>();
      for (int j = 0; j < f.bins().size(); j++) {
        String d = direction.get(f.name());
        if (j == at || (j > at && d.equals("DOWN")) || (j < at && d.equals("UP"))) {
          continue;
        }
        double value = WhatIf.nearestInside(v, f.bins().get(j));
        if (f.name().equals("open_accounts") && Math.ceil(v - value) > closable) {
          continue;
        }
        if (f.bins().get(j).points() > f.bins().get(at).points()) {
          to.add(value);
        }
      }
      movable.add(f);
      targets.add(to);
    }
    int[] result = {Integer.MAX_VALUE, 0};
    enumerate(values, movable, targets, 0, new HashMap<>(), current, target, result);
    return result;
  }

  private void enumerate(
      Map<String, Object> values,
      java.util.List<ScorecardFeature> movable,
      java.util.List<java.util.List<Double>> targets,
      int i,
      Map<String, Double> picked,
      int current,
      int target,
      int[] result) {
    if (i == movable.size()) {
      Map<String, Object> changed = new HashMap<>(values);
      changed.putAll(picked);
      Double open = picked.get("open_accounts");
      double opened =
          open == null ? 0 : Math.max(0, Math.ceil(open - (Double) values.get("open_accounts")));
      if (opened > 0) {
        changed.put("hard_inquiries_12m", (Double) changed.get("hard_inquiries_12m") + opened);
      }
      int gain = calculator.score(card, FeatureVector.of(changed)).score() - current;
      result[1] = Math.max(result[1], gain);
      if (gain >= target) {
        result[0] = Math.min(result[0], picked.size());
      }
      return;
    }
    enumerate(values, movable, targets, i + 1, picked, current, target, result);
    for (Double to : targets.get(i)) {
      picked.put(movable.get(i).name(), to);
      enumerate(values, movable, targets, i + 1, picked, current, target, result);
      picked.remove(movable.get(i).name());
    }
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
  void everyChangeIsNamedByItsFeaturesNeutralLabel() {
    ScoreResult current = calculator.score(card, FeatureVector.of(weakFile()));
    WhatIf.Plan plan = WhatIf.plan(current, 550); // as far as it goes: many features move
    assertTrue(plan.changes().size() >= 3, plan.toString());
    for (WhatIf.Change change : plan.changes()) {
      FeatureCatalog.Definition definition =
          FeatureCatalog.definition(change.feature()).orElseThrow();
      assertEquals(definition.label(), change.label(), change.toString());
      assertNotEquals(change.reasonText(), change.label(), "a label, not the reason text");
    }
  }

  @Test
  void everyCatalogueFeatureHasALabel() {
    for (String name : FeatureCatalog.names()) {
      String label = FeatureCatalog.definition(name).orElseThrow().label();
      assertTrue(label != null && !label.isBlank() && label.length() <= 80, name + ": " + label);
    }
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
    // not the card's maximum: a third open account (+23) means applying for it, and with the
    // inquiries left to age out to none first, that application costs 14 of them (126 -> 112)
    assertEquals(card.maximumTotal() - 14, plan.projectedScore(), plan.toString());
    assertEquals(
        bruteForce(values, current.score(), ceiling + 1, false, 0)[1],
        plan.projectedScore() - current.score());
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
      int closable = random.nextInt(4);
      WhatIf.Plan plan = WhatIf.plan(current, target, closable);
      String why =
          "seed "
              + SEED
              + " case "
              + i
              + " "
              + values
              + " target "
              + target
              + " closable "
              + closable;
      assertEquals(rescoreWith(values, plan), plan.projectedScore(), why);
      assertTrue(
          plan.changes().stream().mapToInt(WhatIf.Change::accountsClosed).sum() <= closable, why);
      int[] reference = bruteForce(values, current.score(), target, false, closable);
      if (plan.reachable()) {
        assertTrue(plan.projectedScore() >= current.score() + target, why);
        assertEquals(reference[0], plan.changes().size(), "fewest changes: " + why);
      } else {
        assertEquals(Integer.MAX_VALUE, reference[0], "reachable after all: " + why);
        assertEquals(reference[1], plan.projectedScore() - current.score(), why);
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
      int closable = random.nextInt(4);
      WhatIf.Plan plan = WhatIf.plan(current, target, closable);
      WhatIf.Plan now = WhatIf.actNow(current, target, closable);
      String why =
          "seed "
              + (SEED + 1)
              + " case "
              + i
              + " "
              + values
              + " target "
              + target
              + " closable "
              + closable;
      assertTrue(
          now.changes().stream().allMatch(c -> c.lever() == FeatureCatalog.Lever.ACTION), why);
      assertEquals(rescoreWith(values, now), now.projectedScore(), why);
      int[] reference = bruteForce(values, current.score(), target, true, closable);
      if (now.reachable()) {
        assertTrue(now.projectedScore() >= current.score() + target, why);
        assertTrue(now.changes().size() >= plan.changes().size(), "plan is the smallest: " + why);
        assertEquals(reference[0], now.changes().size(), "fewest changes: " + why);
      } else {
        assertEquals(reference[1], now.projectedScore() - current.score(), why);
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

  /**
   * Nine open accounts pay 112 in the starter model, three to seven pay 123: "close two accounts:
   * +11" is proposed only when the file holds two accounts whose closing changes nothing else.
   */
  @Test
  void closingAccountsIsProposedOnlyAsFarAsTheFileAllows() {
    Map<String, Object> values = weakFile();
    values.put("open_accounts", 9.0);
    ScoreResult current = calculator.score(card, FeatureVector.of(values));

    for (WhatIf.Plan none : List.of(WhatIf.plan(current, 500), WhatIf.plan(current, 500, 1))) {
      assertTrue(
          none.changes().stream().noneMatch(c -> c.feature().equals("open_accounts")),
          none.toString());
    }

    WhatIf.Plan two = WhatIf.plan(current, 500, 2);
    WhatIf.Change close =
        two.changes().stream()
            .filter(c -> c.feature().equals("open_accounts"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(two.toString()));
    assertEquals(7.0, close.suggestedValue());
    assertEquals(2, close.accountsClosed());
    assertEquals(0, close.hardInquiriesAdded());
    assertEquals(11, close.pointsGained());
    assertEquals(rescoreWith(values, two), two.projectedScore());
  }

  @Test
  void aTargetBelowOnePointIsRefused() {
    ScoreResult current = calculator.score(card, FeatureVector.of(weakFile()));
    assertThrows(IllegalArgumentException.class, () -> WhatIf.plan(current, 0));
    assertThrows(IllegalArgumentException.class, () -> WhatIf.plan(current, 5, -1));
  }
}

package dev.credence.scoring.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Findings of the explanation-contract audit (2026-11-30), each pinned by an example that failed
 * before the fix: what a reason code says when its feature is missing, what the what-if may
 * propose, and what opening an account really costs.
 */
class ExplanationContractTest {
  private final ScoreCalculator calculator = new ScoreCalculator();
  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 30);

  private static Map<String, Object> bestFile() {
    return ScoreCalculatorTest.bestFile();
  }

  // ---- reason text for a missing value

  /**
   * A file whose only account was transferred (Metro 2 status 05, no payment history profile) has
   * no delinquency data: worst_delinquency_24m is missing and costs points in the missing bin. The
   * shipped models name no missing reason for it, and the key factor used to read "Delinquency on
   * one or more accounts in the last 24 months" to a person who was never late: an inaccurate
   * adverse-action reason (Regulation B §1002.9(b)(2)).
   */
  @Test
  void aMissingDelinquencyIsNotDisclosedAsDelinquency() {
    Tradeline transferred =
        new Tradeline(
            "REVOLVING",
            LocalDate.of(2015, 3, 1),
            5000.0,
            null,
            0.0,
            "05",
            null,
            null,
            null,
            AS_OF.minusMonths(1));
    Extraction e = new FeatureExtractor().extract(List.of(transferred), List.of(), AS_OF);
    assertEquals(null, e.features().value(FeatureCatalog.WORST_DELINQUENCY_24M));

    for (Scorecard card : List.of(TestModels.starter(), TestModels.synthetic())) {
      ScoreResult r = ((ScoreOutcome.Scored) calculator.evaluate(card, e)).result();
      ReasonCode delinquency =
          r.reasonCodes().stream()
              .filter(c -> c.feature().equals(FeatureCatalog.WORST_DELINQUENCY_24M))
              .findFirst()
              .orElseThrow(() -> new AssertionError(card.key() + ": " + r.reasonCodes()));
      assertEquals("NO_RECENT_PAYMENT_HISTORY", delinquency.code(), card.key());
      assertFalse(delinquency.text().toLowerCase().contains("delinquency on"), delinquency.text());
    }
  }

  @Test
  void aModelsOwnMissingReasonStillWins() {
    Map<String, Object> values = bestFile();
    values.put(FeatureCatalog.REVOLVING_UTILISATION, null);
    ScoreResult r = calculator.score(TestModels.starter(), FeatureVector.of(values));
    assertEquals(
        List.of("NO_REVOLVING_ACCOUNTS"), r.reasonCodes().stream().map(ReasonCode::code).toList());
  }

  // ---- points lost are measured against what the person can attain

  /**
   * A fitted model may pay more for "no data" than for any value (a population in which the people
   * with no dated account were the safest). A value the file holds cannot become missing again, so
   * a person in the best bin has lost nothing: the old rule (best over every bin, the missing bin
   * included) told them their account history cost 4 points they could never regain.
   */
  @Test
  void aValueIsNotMeasuredAgainstHavingNoData() {
    ObjectNode json = TestModels.starterJson();
    ObjectNode age = TestModels.feature(json, FeatureCatalog.MONTHS_SINCE_OLDEST_ACCOUNT);
    age.put("missingWoe", 1.8).put("missingPoints", 150); // best bin: 146 (180 months and more)
    Scorecard card = TestModels.read(json);

    Map<String, Object> best = bestFile(); // 200 months: the best bin
    ScoreResult inBest = calculator.score(card, FeatureVector.of(best));
    assertEquals(List.of(), inBest.reasonCodes());
    assertEquals(0, contribution(inBest, FeatureCatalog.MONTHS_SINCE_OLDEST_ACCOUNT).pointsLost());
    assertEquals(
        146,
        card.features().stream()
            .filter(f -> f.name().equals(FeatureCatalog.MONTHS_SINCE_OLDEST_ACCOUNT))
            .findFirst()
            .orElseThrow()
            .bestAttainablePoints(200.0));

    Map<String, Object> younger = bestFile();
    younger.put(FeatureCatalog.MONTHS_SINCE_OLDEST_ACCOUNT, 100.0); // 129 points
    ScoreResult r = calculator.score(card, FeatureVector.of(younger));
    assertEquals(
        List.of("ACCOUNT_HISTORY_LENGTH"), r.reasonCodes().stream().map(ReasonCode::code).toList());
    assertEquals(17, r.reasonCodes().get(0).pointsLost()); // 146 - 129, not 150 - 129

    Map<String, Object> none = bestFile();
    none.put(
        FeatureCatalog.MONTHS_SINCE_OLDEST_ACCOUNT, null); // the missing bin is the best of all
    assertEquals(List.of(), calculator.score(card, FeatureVector.of(none)).reasonCodes());
  }

  /** A missing value still counts every bin: here the best real bin beats the missing one. */
  @Test
  void aMissingValueIsMeasuredAgainstEveryBin() {
    Map<String, Object> none = bestFile();
    none.put(FeatureCatalog.MONTHS_SINCE_OLDEST_ACCOUNT, null); // 65, best bin 146
    ScoreResult r = calculator.score(TestModels.starter(), FeatureVector.of(none));
    assertEquals(
        List.of("NO_ACCOUNT_HISTORY"), r.reasonCodes().stream().map(ReasonCode::code).toList());
    assertEquals(81, r.reasonCodes().get(0).pointsLost());
  }

  private static Contribution contribution(ScoreResult r, String feature) {
    return r.contributions().stream()
        .filter(c -> c.feature().name().equals(feature))
        .findFirst()
        .orElseThrow();
  }

  // ---- the what-if proposes only what can happen

  /**
   * A model may declare a feature {@code monotonic: none} (the trainer exports it when told to). If
   * such a model gives a younger file more points in some range, the what-if used to propose making
   * the oldest account younger — which nothing can do (closed accounts count too).
   */
  @Test
  void theWhatIfNeverProposesMakingTheOldestAccountYounger() {
    ObjectNode json = TestModels.starterJson();
    ObjectNode months = TestModels.feature(json, FeatureCatalog.MONTHS_SINCE_OLDEST_ACCOUNT);
    months.put("monotonic", "none");
    ArrayNode bins = months.withArray("bins");
    // <12: 65 · 12–36: 83 · 36–84: 140 (a bump) · 84–180: 129 · ≥180: 146
    ((ObjectNode) bins.get(2)).put("points", 140);
    Scorecard card = TestModels.read(json);

    Map<String, Object> values = bestFile();
    values.put(FeatureCatalog.MONTHS_SINCE_OLDEST_ACCOUNT, 100.0); // 84–180: 129
    ScoreResult current = calculator.score(card, FeatureVector.of(values));

    for (int target = 1; target <= 17; target++) {
      WhatIf.Plan plan = WhatIf.plan(current, target);
      for (WhatIf.Change c : plan.changes()) {
        if (c.feature().equals(FeatureCatalog.MONTHS_SINCE_OLDEST_ACCOUNT)) {
          assertTrue(c.suggestedValue() > 100.0, "target " + target + ": " + plan);
        }
      }
    }
  }

  /**
   * Likewise time only lowers inquiries, past delinquency and public records, and settling lowers
   * derogatory accounts: a model that rewards a higher count in some range must not make the
   * what-if say "make more credit applications" or "fall behind".
   */
  @Test
  void theWhatIfNeverProposesMoreInquiriesOrMoreDelinquency() {
    ObjectNode json = TestModels.starterJson();
    ObjectNode inquiries = TestModels.feature(json, FeatureCatalog.HARD_INQUIRIES_12M);
    inquiries.put("monotonic", "none");
    // 0: 126 · 1: 112 · 2–3: 88 · 4–6: 130 (a bump) · ≥7: 54
    ((ObjectNode) inquiries.withArray("bins").get(3)).put("points", 130);
    ObjectNode delinquency = TestModels.feature(json, FeatureCatalog.WORST_DELINQUENCY_24M);
    delinquency.put("monotonic", "none");
    // <30: 158 · 30–60: 86 · 60–90: 160 (a bump) · ≥90: 37
    ((ObjectNode) delinquency.withArray("bins").get(2)).put("points", 160);
    Scorecard card = TestModels.read(json);

    Map<String, Object> values = bestFile();
    values.put(FeatureCatalog.HARD_INQUIRIES_12M, 2.0);
    values.put(FeatureCatalog.WORST_DELINQUENCY_24M, 45.0);
    ScoreResult current = calculator.score(card, FeatureVector.of(values));
    for (int target = 1; target <= 120; target++) {
      for (WhatIf.Plan plan :
          List.of(WhatIf.plan(current, target), WhatIf.actNow(current, target))) {
        for (WhatIf.Change c : plan.changes()) {
          assertTrue(
              c.suggestedValue() < (Double) c.from(),
              "target " + target + ": " + c + " in " + plan);
        }
      }
    }
  }

  // ---- opening an account is a credit application

  /**
   * In the synthetic (default) model a fourth open account is worth 16 points, but applying for it
   * is a hard inquiry that costs 20 (0 → 1 inquiry). The what-if used to tell a person with three
   * accounts and no inquiries "open an account: +16", a change that lowers their score by 4.
   */
  @Test
  void openingAnAccountCountsTheHardInquiryItCosts() {
    Scorecard card = TestModels.synthetic();
    Map<String, Object> values = new LinkedHashMap<>();
    values.put(FeatureCatalog.REVOLVING_UTILISATION, 5.0);
    values.put(FeatureCatalog.HARD_INQUIRIES_12M, 0.0);
    values.put(FeatureCatalog.DEROGATORY_ACCOUNTS, 0.0);
    values.put(FeatureCatalog.WORST_DELINQUENCY_24M, 0.0);
    values.put(FeatureCatalog.MONTHS_SINCE_OLDEST_ACCOUNT, 200.0);
    values.put(FeatureCatalog.OPEN_ACCOUNTS, 3.0);
    ScoreResult current = calculator.score(card, FeatureVector.of(values));

    WhatIf.Plan now = WhatIf.actNow(current, 10);
    // opening accounts can gain at most: 4 accounts (+46) for 4 inquiries (−68); never worth it
    assertFalse(now.reachable(), now.toString());
    assertTrue(now.changes().isEmpty(), now.toString());
    assertEquals(current.score(), now.projectedScore());

    // and what the plan promises is what the model gives once the inquiries are counted
    for (int target = 1; target <= 60; target++) {
      for (WhatIf.Plan plan :
          List.of(WhatIf.plan(current, target), WhatIf.actNow(current, target))) {
        assertEquals(rescored(card, values, plan), plan.projectedScore(), plan.toString());
      }
    }
  }

  @Test
  void whenOpeningAccountsPaysItSaysHowManyInquiriesItAdds() {
    Scorecard card = TestModels.synthetic();
    Map<String, Object> values = new LinkedHashMap<>();
    values.put(FeatureCatalog.REVOLVING_UTILISATION, 5.0);
    values.put(FeatureCatalog.HARD_INQUIRIES_12M, 3.0); // already in the worst bin: 62
    values.put(FeatureCatalog.DEROGATORY_ACCOUNTS, 0.0);
    values.put(FeatureCatalog.WORST_DELINQUENCY_24M, 0.0);
    values.put(FeatureCatalog.MONTHS_SINCE_OLDEST_ACCOUNT, 200.0);
    values.put(FeatureCatalog.OPEN_ACCOUNTS, 3.0);
    ScoreResult current = calculator.score(card, FeatureVector.of(values));

    WhatIf.Plan now = WhatIf.actNow(current, 16);
    assertTrue(now.reachable(), now.toString());
    WhatIf.Change open = now.changes().get(0);
    assertEquals(FeatureCatalog.OPEN_ACCOUNTS, open.feature());
    assertEquals(1, open.hardInquiriesAdded());
    assertEquals(16, open.pointsGained());
    assertEquals(rescored(card, values, now), now.projectedScore());
    assertNotEquals(null, open.howToChange());
  }

  /** The suggested values applied, plus one hard inquiry per account opened. */
  static int rescored(Scorecard card, Map<String, Object> values, WhatIf.Plan plan) {
    Map<String, Object> changed = new LinkedHashMap<>(values);
    int added = 0;
    for (WhatIf.Change c : plan.changes()) {
      changed.put(c.feature(), c.suggestedValue());
      added += c.hardInquiriesAdded();
    }
    Object inquiries = changed.get(FeatureCatalog.HARD_INQUIRIES_12M);
    if (added > 0 && inquiries != null) {
      changed.put(FeatureCatalog.HARD_INQUIRIES_12M, (Double) inquiries + added);
    }
    return new ScoreCalculator().score(card, FeatureVector.of(changed)).score();
  }
}

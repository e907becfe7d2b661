package dev.credence.scoring.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.scoring.domain.ScorecardFeature.Monotonicity;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code person-synthetic-v2} is {@code person-synthetic-v1}'s fit (same bins, weights of evidence
 * and points) with reason texts that say what the feature counts and in which direction it costs
 * points. v1 stays as shipped: a disclosure names its model and version.
 */
class PersonSyntheticV2Test {
  static final String V1 = "person-synthetic-v1";
  static final String V2 = "person-synthetic-v2";

  /**
   * Every reason text of v2, and the direction of the points it states: a text saying the value is
   * too low ("too few", "too recently") belongs to a feature whose points rise with its value, a
   * text saying the value is too high or that something bad is there ("too many", "high", accounts
   * in collection, delinquency) to one whose points fall with it.
   */
  record Expected(String text, Monotonicity pointsWithValue) {}

  static final Map<String, Expected> V2_TEXTS =
      Map.of(
          FeatureCatalog.REVOLVING_UTILISATION,
          new Expected(
              "Balances on revolving accounts are high relative to their credit limits",
              Monotonicity.DECREASING),
          FeatureCatalog.HARD_INQUIRIES_12M,
          new Expected("Too many hard inquiries in the last 12 months", Monotonicity.DECREASING),
          FeatureCatalog.DEROGATORY_ACCOUNTS,
          new Expected(
              "Accounts in collection, charged off, foreclosed, surrendered or repossessed",
              Monotonicity.DECREASING),
          FeatureCatalog.WORST_DELINQUENCY_24M,
          new Expected(
              "Delinquency on one or more accounts in the last 24 months", Monotonicity.DECREASING),
          FeatureCatalog.MONTHS_SINCE_OLDEST_ACCOUNT,
          new Expected("Oldest account was opened too recently", Monotonicity.INCREASING),
          FeatureCatalog.OPEN_ACCOUNTS,
          new Expected("Too few open accounts", Monotonicity.INCREASING));

  /** The missing-value texts v2 names itself; they state the condition, and are v1's. */
  static final Map<String, String> V2_MISSING_TEXTS =
      Map.of(
          FeatureCatalog.REVOLVING_UTILISATION, "No open revolving account with a credit limit",
          FeatureCatalog.MONTHS_SINCE_OLDEST_ACCOUNT, "No account with a known opening date");

  private final ScoreCalculator calculator = new ScoreCalculator();

  // ---- the same model

  @Test
  void v2IsV1WithOnlyItsVersionAndReasonTextsChanged() {
    ObjectNode v1 = TestModels.shippedJson(V1);
    ObjectNode v2 = TestModels.shippedJson(V2);
    assertEquals("1", v1.get("version").asText());
    assertEquals("2", v2.get("version").asText());
    assertEquals(withoutVersionAndTexts(v1), withoutVersionAndTexts(v2));

    // and exactly the four texts that said too little changed
    Map<String, String> changed = new LinkedHashMap<>();
    for (int i = 0; i < v1.get("features").size(); i++) {
      JsonNode a = v1.get("features").get(i);
      JsonNode b = v2.get("features").get(i);
      assertEquals(a.path("missingReasonText"), b.path("missingReasonText"), a.toString());
      if (!a.get("reasonText").equals(b.get("reasonText"))) {
        changed.put(b.get("name").asText(), b.get("reasonText").asText());
      }
    }
    assertEquals(
        new TreeSet<>(
            List.of(
                FeatureCatalog.HARD_INQUIRIES_12M,
                FeatureCatalog.DEROGATORY_ACCOUNTS,
                FeatureCatalog.MONTHS_SINCE_OLDEST_ACCOUNT,
                FeatureCatalog.OPEN_ACCOUNTS)),
        new TreeSet<>(changed.keySet()));
  }

  /** The model's JSON without its version and reason texts (the scoring part and provenance). */
  static JsonNode withoutVersionAndTexts(ObjectNode model) {
    ObjectNode copy = model.deepCopy();
    copy.remove("version");
    for (JsonNode f : copy.withArray("features")) {
      ((ObjectNode) f).remove(List.of("reasonText", "missingReasonText"));
    }
    return copy;
  }

  @Test
  void v1AndV2ScoreEveryFeatureValueIdentically() {
    Scorecard v1 = TestModels.shipped(V1);
    Scorecard v2 = TestModels.shipped(V2);
    assertEquals(V1, v1.key());
    assertEquals(V2, v2.key());
    assertEquals(v1.scaling(), v2.scaling());
    assertEquals(v1.bands(), v2.bands());
    assertEquals(v1.minimumScoringCriteria(), v2.minimumScoringCriteria());
    assertEquals(v1.features().size(), v2.features().size());

    for (int i = 0; i < v1.features().size(); i++) {
      ScorecardFeature a = v1.features().get(i);
      ScorecardFeature b = v2.features().get(i);
      assertEquals(a.name(), b.name());
      assertEquals(a.type(), b.type(), a.name());
      assertEquals(a.monotonic(), b.monotonic(), a.name());
      assertEquals(a.reasonCode(), b.reasonCode(), a.name());
      assertEquals(a.missingReasonCode(), b.missingReasonCode(), a.name());
      assertEquals(a.bins(), b.bins(), a.name());
      assertEquals(a.missingPoints(), b.missingPoints(), a.name());
      assertEquals(a.missingWoe(), b.missingWoe(), a.name());

      // every value around every edge, and missing: the same bin, points and points lost
      for (Double value : probes(a)) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put(a.name(), value);
        Contribution ca = contribution(v1, one, a.name());
        Contribution cb = contribution(v2, one, a.name());
        assertEquals(ca.binIndex(), cb.binIndex(), a.name() + " = " + value);
        assertEquals(ca.points(), cb.points(), a.name() + " = " + value);
        assertEquals(ca.pointsLost(), cb.pointsLost(), a.name() + " = " + value);
        assertEquals(ca.reasonCode().code(), cb.reasonCode().code(), a.name() + " = " + value);
      }
    }

    // every combination of bins (one value per bin and missing): the same score, band and key
    // factors, down to their order and points
    List<List<Double>> perFeature = new ArrayList<>();
    for (ScorecardFeature f : v1.features()) {
      List<Double> values = new ArrayList<>();
      for (Bin b : f.bins()) {
        values.add(b.lower() == null ? (b.upper() == null ? 0.0 : b.upper() - 1) : b.lower());
      }
      values.add(null);
      perFeature.add(values);
    }
    int[] combinations = {0};
    combine(
        v1.features(),
        perFeature,
        0,
        new LinkedHashMap<>(),
        values -> {
          ScoreResult a = calculator.score(v1, FeatureVector.of(values));
          ScoreResult b = calculator.score(v2, FeatureVector.of(values));
          assertEquals(a.score(), b.score(), values.toString());
          assertEquals(a.band(), b.band(), values.toString());
          assertEquals(codes(a), codes(b), values.toString());
          combinations[0]++;
        });
    assertEquals(
        perFeature.stream().mapToInt(List::size).reduce(1, (x, y) -> x * y), combinations[0]);
    assertTrue(combinations[0] > 10_000, "every bin of every feature: " + combinations[0]);
  }

  static List<Double> probes(ScorecardFeature f) {
    List<Double> values = new ArrayList<>();
    values.add(null);
    values.add(0.0);
    values.add(1_000_000.0);
    for (Bin b : f.bins()) {
      for (Double edge : java.util.Arrays.asList(b.lower(), b.upper())) {
        if (edge != null) {
          for (double d : new double[] {-1, -0.05, 0, 0.05, 1}) {
            values.add(edge + d);
          }
        }
      }
    }
    return values;
  }

  interface Visit {
    void accept(Map<String, Object> values);
  }

  static void combine(
      List<ScorecardFeature> features,
      List<List<Double>> perFeature,
      int i,
      Map<String, Object> values,
      Visit visit) {
    if (i == features.size()) {
      visit.accept(values);
      return;
    }
    for (Double v : perFeature.get(i)) {
      values.put(features.get(i).name(), v);
      combine(features, perFeature, i + 1, values, visit);
    }
  }

  static List<String> codes(ScoreResult r) {
    return r.reasonCodes().stream()
        .map(c -> c.code() + ":" + c.pointsLost() + ":" + c.feature())
        .toList();
  }

  Contribution contribution(Scorecard card, Map<String, Object> values, String feature) {
    return calculator.score(card, FeatureVector.of(values)).contributions().stream()
        .filter(c -> c.feature().name().equals(feature))
        .findFirst()
        .orElseThrow();
  }

  // ---- texts that say what costs points

  @Test
  void eachReasonTextSaysTheDirectionInWhichItsFeatureCostsPoints() {
    Scorecard v2 = TestModels.shipped(V2);
    assertEquals(V2_TEXTS.keySet(), new java.util.HashSet<>(names(v2)));
    for (ScorecardFeature f : v2.features()) {
      Expected expected = V2_TEXTS.get(f.name());
      assertEquals(expected.text(), f.reasonText(), f.name());
      assertEquals(V2_MISSING_TEXTS.get(f.name()), f.missingReasonText(), f.name());
      // the direction the text states is the model's declared one ...
      assertEquals(expected.pointsWithValue(), f.monotonic(), f.name());
      // ... and the one its bins really follow: points never move against it from bin to bin
      List<Integer> points = f.bins().stream().map(Bin::points).toList();
      for (int j = 1; j < points.size(); j++) {
        int step = points.get(j) - points.get(j - 1);
        assertTrue(
            expected.pointsWithValue() == Monotonicity.INCREASING ? step > 0 : step < 0,
            f.name() + " points " + points);
      }
      // so the points a value loses grow the further it lies on the side the text names, and the
      // far end of the other side (none counted, or the most accounts, the oldest history) loses
      // none
      double low = 0.0;
      double high = 1_000.0;
      assertEquals(
          0,
          lost(v2, f, expected.pointsWithValue() == Monotonicity.INCREASING ? high : low),
          f.name());
      assertTrue(
          lost(v2, f, expected.pointsWithValue() == Monotonicity.INCREASING ? low : high) > 0,
          f.name());
      int previous = -1;
      List<Double> ascending = new ArrayList<>(probes(f).subList(1, probes(f).size()));
      ascending.removeIf(v -> v < 0);
      ascending.sort(Double::compare);
      if (expected.pointsWithValue() == Monotonicity.INCREASING) {
        java.util.Collections.reverse(ascending);
      }
      for (double v : ascending) {
        int l = lost(v2, f, v);
        assertTrue(l >= previous, f.name() + " = " + v + " loses " + l + " after " + previous);
        previous = l;
      }
    }
  }

  int lost(Scorecard card, ScorecardFeature f, double value) {
    Map<String, Object> one = new LinkedHashMap<>();
    one.put(f.name(), value);
    return contribution(card, one, f.name()).pointsLost();
  }

  static List<String> names(Scorecard card) {
    return card.features().stream().map(ScorecardFeature::name).toList();
  }

  /**
   * The derogatory text names every status {@code derogatory_accounts} counts (Metro 2 93-97), and
   * the feature counts nothing else: v1's "Accounts in collection or charged off" named two of the
   * five.
   */
  @Test
  void theDerogatoryTextNamesEveryStatusTheFeatureCounts() {
    String text =
        TestModels.shipped(V2).features().stream()
            .filter(f -> f.name().equals(FeatureCatalog.DEROGATORY_ACCOUNTS))
            .findFirst()
            .orElseThrow()
            .reasonText();
    Map<String, String> counted =
        Map.of(
            "93", "collection",
            "94", "foreclosed",
            "95", "surrendered",
            "96", "repossessed",
            "97", "charged off");
    LocalDate asOf = LocalDate.of(2026, 11, 1);
    for (int code = 0; code <= 99; code++) {
      String status = String.format("%02d", code);
      double derogatory = derogatoryAccounts(status, asOf);
      if (counted.containsKey(status)) {
        assertEquals(1.0, derogatory, status);
        assertTrue(text.contains(counted.get(status)), status + " is counted: " + text);
      } else {
        assertEquals(0.0, derogatory, status + " is not counted");
      }
    }
    for (String status : List.of("DA", "DF", "05", "13", "61", "62", "63", "64", "65")) {
      assertEquals(0.0, derogatoryAccounts(status, asOf), status + " is not counted");
    }

    String v1Text =
        TestModels.shipped(V1).features().stream()
            .filter(f -> f.name().equals(FeatureCatalog.DEROGATORY_ACCOUNTS))
            .findFirst()
            .orElseThrow()
            .reasonText();
    assertFalse(v1Text.contains("repossessed"), v1Text);
    assertNotEquals(v1Text, text);
  }

  static double derogatoryAccounts(String status, LocalDate asOf) {
    Tradeline t =
        new Tradeline(
            "INSTALLMENT",
            asOf.minusYears(5),
            null,
            1000.0,
            500.0,
            status,
            null,
            null,
            null,
            asOf.minusMonths(1));
    Object v =
        new FeatureExtractor()
            .extract(List.of(t), List.of(), asOf)
            .features()
            .value(FeatureCatalog.DEROGATORY_ACCOUNTS);
    return (Double) v;
  }
}

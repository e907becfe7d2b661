package dev.credence.scoring.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.credence.scoring.domain.ScorecardFeature.FeatureType;
import dev.credence.scoring.domain.ScorecardFeature.Monotonicity;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the calculator, checked over generated cases, plus examples. The cases come from a
 * {@link Random} with a fixed seed, so a failing case (seed and case number are in every message)
 * is reproduced by simply running the test again.
 */
class ScoreCalculatorTest {
  /** Seed of every generator; a failure message names it together with the case number. */
  static final long SEED = 20261128L;

  static final int TRIES = 500;
  static final int HASH_TRIES = 200;

  final ScoreCalculator calculator = new ScoreCalculator();
  static final Scorecard STARTER = TestModels.starter();

  /** Case number {@code index} (from 1): a scorecard and a feature vector for it. */
  record Case(int index, Scorecard card, FeatureVector vector) {
    String where() {
      return "seed "
          + SEED
          + ", case #"
          + index
          + ", card "
          + card.id()
          + " over "
          + card.features().stream().map(ScorecardFeature::name).toList()
          + ", "
          + vector;
    }
  }

  /** Case number {@code index} (from 1): a feature vector for the starter model. */
  record StarterCase(int index, FeatureVector vector) {
    String where() {
      return "seed " + SEED + ", case #" + index + ", " + vector;
    }
  }

  // ---- independent reference: the points of the bin each value falls in, by brute force

  static int expectedPoints(ScorecardFeature f, Object value) {
    if (value == null) {
      return f.missingPoints();
    }
    double x = (Double) value;
    for (Bin b : f.bins()) {
      boolean aboveLower = b.lower() == null || x >= b.lower();
      boolean belowUpper = b.upper() == null || x < b.upper();
      if (aboveLower && belowUpper) {
        return b.points();
      }
    }
    throw new AssertionError("no bin for " + x + " in " + f.name());
  }

  /**
   * Best attainable points from {@code value}, by brute force: a missing value may become any value
   * (every bin and the missing bin); a present one only the model's bins.
   */
  static int best(ScorecardFeature f, Object value) {
    int best = value == null ? f.missingPoints() : Integer.MIN_VALUE;
    for (Bin b : f.bins()) {
      best = Math.max(best, b.points());
    }
    return best;
  }

  // ---- properties

  @ParameterizedTest(name = "case #{index} (seed " + SEED + ")")
  @MethodSource("cases")
  void scoreIsTheSumOfThePointsOfTheBinsTheValuesFallIn(Case c) {
    int expected = 0;
    for (ScorecardFeature f : c.card().features()) {
      expected += expectedPoints(f, c.vector().value(f.name()));
    }

    assertEquals(expected, calculator.score(c.card(), c.vector()).score(), c::where);
  }

  @ParameterizedTest(name = "case #{index} (seed " + SEED + ")")
  @MethodSource("cases")
  void scoreStaysWithinTheScale(Case c) {
    int score = calculator.score(c.card(), c.vector()).score();

    assertTrue(
        score >= c.card().scaling().min() && score <= c.card().scaling().max(),
        () -> "score " + score + " outside the scale, " + c.where());
  }

  @ParameterizedTest(name = "case #{index} (seed " + SEED + ")")
  @MethodSource("starterVectors")
  void starterModelScoresStayWithin300And850AndHaveABand(StarterCase c) {
    ScoreResult r = calculator.score(STARTER, c.vector());

    assertTrue(r.score() >= 300 && r.score() <= 850, () -> "score " + r.score() + ", " + c.where());
    assertNotNull(r.band(), () -> "no band for score " + r.score() + ", " + c.where());
  }

  @ParameterizedTest(name = "case #{index} (seed " + SEED + ")")
  @MethodSource("cases")
  void reasonCodesAreExactlyTheTopPointLosers(Case c) {
    List<String> losers = new ArrayList<>();
    Map<String, Integer> lost = new LinkedHashMap<>();
    for (ScorecardFeature f : c.card().features()) {
      Object v = c.vector().value(f.name());
      int l = best(f, v) - expectedPoints(f, v);
      if (l > 0) {
        losers.add(f.name());
        lost.put(f.name(), l);
      }
    }
    // stable sort: ties keep the model's feature order
    losers.sort(Comparator.comparing(lost::get, Comparator.reverseOrder()));
    List<String> expected = new ArrayList<>(losers.subList(0, Math.min(4, losers.size())));
    if (losers.contains(FeatureCatalog.HARD_INQUIRIES_12M)
        && !expected.contains(FeatureCatalog.HARD_INQUIRIES_12M)) {
      expected.add(FeatureCatalog.HARD_INQUIRIES_12M);
    }

    List<ReasonCode> reasons = calculator.score(c.card(), c.vector()).reasonCodes();

    assertEquals(expected, reasons.stream().map(ReasonCode::feature).toList(), c::where);
    for (ReasonCode r : reasons) {
      assertEquals(
          lost.get(r.feature()),
          r.pointsLost(),
          () -> "points lost on " + r.feature() + ", " + c.where());
    }
  }

  @ParameterizedTest(name = "case #{index} (seed " + SEED + ")")
  @MethodSource("starterVectorsForHash")
  void sameInputsGiveTheSameSnapshotHash(StarterCase c) {
    FeatureVector v = c.vector();
    FeatureVector copy = FeatureVector.of(new LinkedHashMap<>(v.asMap()));

    assertEquals(SnapshotHash.of("m", "1", v), SnapshotHash.of("m", "1", copy), c::where);
  }

  // ---- examples

  @Test
  void inquiriesAreAddedAsAFifthReasonWhenTheyCostPointsButRankLower() {
    // losses: delinquency 121, utilisation 101, derogatory 98, history 81, open accounts 58,
    // inquiries 14 — open accounts lose more than inquiries but only inquiries are added
    Map<String, Object> values = new LinkedHashMap<>();
    values.put(FeatureCatalog.WORST_DELINQUENCY_24M, 120.0);
    values.put(FeatureCatalog.REVOLVING_UTILISATION, 120.0);
    values.put(FeatureCatalog.MONTHS_SINCE_OLDEST_ACCOUNT, 3.0);
    values.put(FeatureCatalog.OPEN_ACCOUNTS, 0.0);
    values.put(FeatureCatalog.HARD_INQUIRIES_12M, 1.0);
    values.put(FeatureCatalog.DEROGATORY_ACCOUNTS, 2.0);

    List<ReasonCode> reasons = calculator.score(STARTER, FeatureVector.of(values)).reasonCodes();

    assertEquals(
        List.of(
            "DELINQUENCY_24M",
            "REVOLVING_UTILISATION",
            "DEROGATORY_ACCOUNTS",
            "ACCOUNT_HISTORY_LENGTH",
            "HARD_INQUIRIES"),
        reasons.stream().map(ReasonCode::code).toList());
    assertEquals(14, reasons.get(4).pointsLost());
  }

  @Test
  void aMissingValueScoresTheMissingBinAndUsesTheMissingReason() {
    Map<String, Object> values = bestFile();
    values.put(FeatureCatalog.REVOLVING_UTILISATION, null);

    ScoreResult r = calculator.score(STARTER, FeatureVector.of(values));

    assertEquals(831 - 152 + 91, r.score());
    assertEquals(
        List.of("NO_REVOLVING_ACCOUNTS"), r.reasonCodes().stream().map(ReasonCode::code).toList());
  }

  @Test
  void theBestFileLosesNoPointsAndHasNoReasonCodes() {
    ScoreResult r = calculator.score(STARTER, FeatureVector.of(bestFile()));

    assertEquals(831, r.score());
    assertEquals("Exceptional", r.band());
    assertTrue(r.reasonCodes().isEmpty());
  }

  @Test
  void aValueOnABinEdgeFallsInTheUpperBin() {
    Map<String, Object> values = bestFile();
    values.put(FeatureCatalog.REVOLVING_UTILISATION, 10.0); // [10, 30) → 129, not [-inf, 10) → 152

    assertEquals(831 - 152 + 129, calculator.score(STARTER, FeatureVector.of(values)).score());
  }

  @Test
  void aFileWithoutTradelinesHasNoScore() {
    Extraction e =
        new Extraction(
            LocalDate.of(2026, 11, 28), FeatureVector.of(bestFile()), new FileSummary(0, null));

    ScoreOutcome outcome = calculator.evaluate(STARTER, e);

    assertEquals(
        NoScoreReason.NO_TRADELINES,
        assertInstanceOf(ScoreOutcome.NoScore.class, outcome).reason());
  }

  @Test
  void aFileWithNothingReportedInTwentyFourMonthsHasNoScore() {
    LocalDate asOf = LocalDate.of(2026, 11, 28);
    Extraction e =
        new Extraction(
            asOf,
            FeatureVector.of(bestFile()),
            new FileSummary(3, asOf.minusMonths(24).minusDays(1)));

    ScoreOutcome outcome = calculator.evaluate(STARTER, e);

    assertEquals(
        NoScoreReason.NO_RECENT_ACTIVITY,
        assertInstanceOf(ScoreOutcome.NoScore.class, outcome).reason());
  }

  @Test
  void aFileReportedExactlyTwentyFourMonthsAgoIsStillScored() {
    LocalDate asOf = LocalDate.of(2026, 11, 28);
    Extraction e =
        new Extraction(
            asOf, FeatureVector.of(bestFile()), new FileSummary(1, asOf.minusMonths(24)));

    assertInstanceOf(ScoreOutcome.Scored.class, calculator.evaluate(STARTER, e));
  }

  @Test
  void snapshotHashChangesWithAnyFeatureValueAndWithTheModelVersion() {
    FeatureVector a = FeatureVector.of(bestFile());
    Map<String, Object> changed = bestFile();
    changed.put(FeatureCatalog.OPEN_ACCOUNTS, 5.0);
    FeatureVector b = FeatureVector.of(changed);

    assertNotEquals(
        SnapshotHash.of("person-starter", "1", a), SnapshotHash.of("person-starter", "1", b));
    assertNotEquals(
        SnapshotHash.of("person-starter", "1", a), SnapshotHash.of("person-starter", "2", a));
  }

  @Test
  void snapshotJsonIsCanonical() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("b", 45.0);
    values.put("a", null);
    values.put("c", 0.10);

    assertEquals(
        "{\"features\":{\"a\":null,\"b\":45,\"c\":0.1},\"modelId\":\"m\",\"modelVersion\":\"1\"}",
        SnapshotHash.canonicalJson("m", "1", FeatureVector.of(values)));
  }

  static Map<String, Object> bestFile() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put(FeatureCatalog.WORST_DELINQUENCY_24M, 0.0);
    values.put(FeatureCatalog.REVOLVING_UTILISATION, 5.0);
    values.put(FeatureCatalog.MONTHS_SINCE_OLDEST_ACCOUNT, 200.0);
    values.put(FeatureCatalog.OPEN_ACCOUNTS, 4.0);
    values.put(FeatureCatalog.HARD_INQUIRIES_12M, 0.0);
    values.put(FeatureCatalog.DEROGATORY_ACCOUNTS, 0.0);
    return values;
  }

  // ---- generators (seeded, so every run sees the same cases)

  /** A value for a feature: missing, exactly a bin edge, or anywhere on the line (1:2:4). */
  static Double valueFor(ScorecardFeature f, Random random) {
    List<Double> edges = new ArrayList<>();
    for (Bin b : f.bins()) {
      if (b.lower() != null) {
        edges.add(b.lower());
      }
    }
    int pick = random.nextInt(1 + 2 + 4);
    if (pick < 1) {
      return null;
    }
    if (pick < 1 + 2 && !edges.isEmpty()) {
      return edges.get(random.nextInt(edges.size()));
    }
    return anywhere(random);
  }

  /** Anywhere in [-1000, 1000] with two decimals. */
  static double anywhere(Random random) {
    return random.nextInt(-100_000, 100_001) / 100.0;
  }

  static FeatureVector vectorFor(Scorecard card, Random random) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (ScorecardFeature f : card.features()) {
      m.put(f.name(), valueFor(f, random));
    }
    return FeatureVector.of(m);
  }

  static Stream<StarterCase> starterVectors() {
    return starterVectors(TRIES);
  }

  static Stream<StarterCase> starterVectorsForHash() {
    return starterVectors(HASH_TRIES);
  }

  static Stream<StarterCase> starterVectors(int tries) {
    Random random = new Random(SEED);
    return IntStream.rangeClosed(1, tries)
        .mapToObj(i -> new StarterCase(i, vectorFor(STARTER, random)));
  }

  /**
   * Half the starter model, half random valid scorecards over a shuffled subset of the known
   * features; each with a vector for it.
   */
  static Stream<Case> cases() {
    Random random = new Random(SEED);
    return IntStream.rangeClosed(1, TRIES)
        .mapToObj(
            i -> {
              Scorecard card = random.nextBoolean() ? STARTER : randomCard(random);
              return new Case(i, card, vectorFor(card, random));
            });
  }

  static Scorecard randomCard(Random random) {
    List<String> names = new ArrayList<>(FeatureCatalog.names());
    Collections.shuffle(names, random);
    int size = 1 + random.nextInt(names.size());
    List<ScorecardFeature> features = new ArrayList<>();
    for (String name : names.subList(0, size)) {
      features.add(randomFeature(name, random));
    }
    return card(features);
  }

  /** Up to six distinct cut points in [-50, 300]; points and missing points in [-40, 120]. */
  static ScorecardFeature randomFeature(String name, Random random) {
    int cutCount = random.nextInt(7);
    TreeSet<Integer> cuts = new TreeSet<>();
    while (cuts.size() < cutCount) {
      cuts.add(random.nextInt(-50, 301));
    }
    List<Bin> bins = new ArrayList<>();
    Double lower = null;
    for (Integer cut : cuts) {
      bins.add(new Bin(lower, cut.doubleValue(), null, points(random), null));
      lower = cut.doubleValue();
    }
    bins.add(new Bin(lower, null, null, points(random), null));
    return new ScorecardFeature(
        name,
        FeatureType.NUMERIC,
        Monotonicity.NONE,
        name.toUpperCase(),
        "text " + name,
        null,
        null,
        bins,
        points(random),
        null);
  }

  static int points(Random random) {
    return random.nextInt(-40, 121);
  }

  static Scorecard card(List<ScorecardFeature> features) {
    int min = features.stream().mapToInt(ScorecardFeature::minPoints).sum();
    int max = features.stream().mapToInt(ScorecardFeature::maxPoints).sum();
    int scaleMax = Math.max(max, min + 1);
    Scorecard card =
        new Scorecard(
            "random",
            "1",
            "PERSON",
            "generated",
            "generated by the property test",
            new Scaling(600.0, 30.0, 20.0, min, scaleMax),
            List.of(new Band("All", min, scaleMax)),
            new MinimumScoringCriteria(1, 24),
            features);
    // every other rule of a loaded model; which catalogue features must be numeric is the
    // loader's rule (ScorecardValidatorTest): the math is checked for categorical features too,
    // which models trained on their own features have
    List<String> problems =
        new ScorecardValidator(FeatureCatalog.names(), java.util.Set.of()).validate(card);
    if (!problems.isEmpty()) {
      throw new AssertionError("generator built an invalid card: " + problems);
    }
    return card;
  }
}

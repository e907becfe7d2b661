package dev.credence.scoring.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.credence.scoring.domain.ScorecardFeature.FeatureType;
import dev.credence.scoring.domain.ScorecardFeature.Monotonicity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The score and reason-code properties over cards that mix numeric and categorical features, with
 * special values: a category no bin lists, a value of the wrong kind, NaN-free extremes, missing
 * values and bin edges. Each of them must score exactly one bin (the missing bin for anything no
 * bin holds). Plain seeded loops; the seed and case number are in every message.
 */
class SpecialValuesPropertyTest {
  static final long SEED = 20261129L;
  static final int TRIES = 1000;
  static final List<String> CATEGORIES = List.of("A", "B", "C", "D", "E");
  final ScoreCalculator calculator = new ScoreCalculator();

  /** Brute-force reference: the points of the one bin holding the value, else the missing bin. */
  static int expectedPoints(ScorecardFeature f, Object value) {
    if (value == null) {
      return f.missingPoints();
    }
    for (Bin b : f.bins()) {
      if (f.type() == FeatureType.CATEGORICAL && value instanceof String s) {
        if (b.categories().contains(s)) {
          return b.points();
        }
      } else if (f.type() == FeatureType.NUMERIC && value instanceof Double x) {
        if ((b.lower() == null || x >= b.lower()) && (b.upper() == null || x < b.upper())) {
          return b.points();
        }
      }
    }
    return f.missingPoints();
  }

  /**
   * Best attainable points from {@code value}: a missing value may become any value (every bin and
   * the missing bin); a present one, an unlisted category too, only the model's bins.
   */
  static int best(ScorecardFeature f, Object value) {
    int best = value == null ? f.missingPoints() : Integer.MIN_VALUE;
    for (Bin b : f.bins()) {
      best = Math.max(best, b.points());
    }
    return best;
  }

  static ScorecardFeature numeric(String name, Random r) {
    TreeSet<Integer> cuts = new TreeSet<>();
    int count = r.nextInt(5);
    while (cuts.size() < count) {
      cuts.add(r.nextInt(-20, 200));
    }
    List<Bin> bins = new ArrayList<>();
    Double lower = null;
    for (Integer cut : cuts) {
      bins.add(new Bin(lower, cut.doubleValue(), null, r.nextInt(-40, 121), null));
      lower = cut.doubleValue();
    }
    bins.add(new Bin(lower, null, null, r.nextInt(-40, 121), null));
    return new ScorecardFeature(
        name,
        FeatureType.NUMERIC,
        Monotonicity.NONE,
        name.toUpperCase(),
        "text " + name,
        null,
        null,
        bins,
        r.nextInt(-40, 121),
        null);
  }

  /** Categories A..E spread over 1-3 bins; some categories deliberately left unlisted. */
  static ScorecardFeature categorical(String name, Random r) {
    List<String> shuffled = new ArrayList<>(CATEGORIES);
    Collections.shuffle(shuffled, r);
    int listed = 1 + r.nextInt(CATEGORIES.size());
    int binCount = 1 + r.nextInt(Math.min(3, listed));
    List<List<String>> groups = new ArrayList<>();
    for (int i = 0; i < binCount; i++) {
      groups.add(new ArrayList<>());
    }
    for (int i = 0; i < listed; i++) {
      groups.get(i % binCount).add(shuffled.get(i));
    }
    List<Bin> bins = new ArrayList<>();
    for (List<String> g : groups) {
      bins.add(new Bin(null, null, g, r.nextInt(-40, 121), null));
    }
    return new ScorecardFeature(
        name,
        FeatureType.CATEGORICAL,
        Monotonicity.NONE,
        name.toUpperCase(),
        "text " + name,
        null,
        null,
        bins,
        r.nextInt(-40, 121),
        null);
  }

  static Scorecard card(Random r) {
    List<String> names = new ArrayList<>(FeatureCatalog.names());
    Collections.shuffle(names, r);
    List<ScorecardFeature> features = new ArrayList<>();
    for (String name : names.subList(0, 1 + r.nextInt(names.size()))) {
      features.add(r.nextBoolean() ? numeric(name, r) : categorical(name, r));
    }
    return ScoreCalculatorTest.card(features);
  }

  /** Missing, an edge, anywhere, a huge value, an unlisted category, a value of the wrong kind. */
  static Object valueFor(ScorecardFeature f, Random r) {
    int pick = r.nextInt(10);
    if (pick == 0) {
      return null;
    }
    if (f.type() == FeatureType.CATEGORICAL) {
      return switch (pick) {
        case 1 -> "UNLISTED"; // a special value no bin holds
        case 2 -> 42.0; // wrong kind
        default -> CATEGORIES.get(r.nextInt(CATEGORIES.size()));
      };
    }
    return switch (pick) {
      case 1 -> "SPECIAL"; // wrong kind: scored as missing
      case 2 -> r.nextBoolean() ? Double.MAX_VALUE : -Double.MAX_VALUE;
      case 3, 4 -> {
        List<Double> edges = new ArrayList<>();
        for (Bin b : f.bins()) {
          if (b.lower() != null) {
            edges.add(b.lower());
          }
        }
        yield edges.isEmpty() ? 0.0 : edges.get(r.nextInt(edges.size()));
      }
      default -> r.nextInt(-100_000, 100_001) / 100.0;
    };
  }

  @Test
  void scoreIsTheSumOfTheBinsPointsAndReasonsAreTheTopLosersForSpecialValues() {
    Random r = new Random(SEED);
    for (int i = 1; i <= TRIES; i++) {
      Scorecard card = card(r);
      Map<String, Object> values = new LinkedHashMap<>();
      for (ScorecardFeature f : card.features()) {
        values.put(f.name(), valueFor(f, r));
      }
      FeatureVector vector = FeatureVector.of(values);
      int expected = 0;
      List<String> losers = new ArrayList<>();
      Map<String, Integer> lost = new LinkedHashMap<>();
      for (ScorecardFeature f : card.features()) {
        Object v = vector.value(f.name());
        int p = expectedPoints(f, v);
        expected += p;
        if (best(f, v) - p > 0) {
          losers.add(f.name());
          lost.put(f.name(), best(f, v) - p);
        }
      }
      losers.sort(Comparator.comparing(lost::get, Comparator.reverseOrder()));
      List<String> expectedReasons = new ArrayList<>(losers.subList(0, Math.min(4, losers.size())));
      if (losers.contains(FeatureCatalog.HARD_INQUIRIES_12M)
          && !expectedReasons.contains(FeatureCatalog.HARD_INQUIRIES_12M)) {
        expectedReasons.add(FeatureCatalog.HARD_INQUIRIES_12M);
      }

      ScoreResult result = calculator.score(card, vector);

      final int index = i;
      assertEquals(
          expected, result.score(), () -> "seed " + SEED + ", case #" + index + ", " + vector);
      assertEquals(
          expectedReasons,
          result.reasonCodes().stream().map(ReasonCode::feature).toList(),
          () -> "seed " + SEED + ", case #" + index + ", " + vector);
    }
  }
}

package dev.credence.scoring.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.scoring.domain.PopulationStability.Index;
import dev.credence.scoring.domain.PopulationStability.Reference;
import dev.credence.scoring.domain.PopulationStability.Status;
import dev.credence.trainer.report.Stability;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Live stability against the development population: the reference read from the shipped validation
 * report, the score's deciles, each feature's bins with missing last, and the same index as the
 * trainer's stability report.
 */
class PopulationStabilityTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode resource(String name) throws IOException {
    try (InputStream in =
        PopulationStabilityTest.class.getClassLoader().getResourceAsStream("models/" + name)) {
      return JSON.readTree(in);
    }
  }

  static Scorecard synthetic() throws IOException {
    try (InputStream in =
        PopulationStabilityTest.class
            .getClassLoader()
            .getResourceAsStream("models/person-synthetic-v2.json")) {
      return new ScorecardReader(FeatureCatalog.names()).read("person-synthetic-v2", in);
    }
  }

  static Reference shipped() throws IOException {
    return PopulationStability.reference(resource("person-synthetic-v2.report.json"), synthetic())
        .orElseThrow();
  }

  /** {@code n} scores spread over the reference's buckets in its own shares. */
  static int[] drawnLike(Reference reference, int n) {
    List<Integer> scores = new ArrayList<>();
    List<Integer> cuts = reference.scoreCuts();
    for (int i = 0; i <= cuts.size(); i++) {
      int inBucket = i == 0 ? cuts.get(0) - 1 : cuts.get(i - 1); // a score of bucket i
      long count = Math.round(reference.scoreShares().get(i) * n);
      for (long k = 0; k < count; k++) {
        scores.add(inBucket);
      }
    }
    return scores.stream().mapToInt(Integer::intValue).toArray();
  }

  @Test
  void theShippedReportDescribesEveryFeatureOfTheShippedModel() throws IOException {
    Reference r = shipped();
    assertEquals(List.of(597, 626, 648, 667, 682, 697, 712, 732, 754), r.scoreCuts());
    assertEquals(1.0, r.scoreShares().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
    Scorecard card = synthetic();
    assertEquals(card.features().size(), r.featureShares().size());
    for (ScorecardFeature f : card.features()) {
      List<Double> shares = r.featureShares().get(f.name());
      assertEquals(f.bins().size() + 1, shares.size(), f.name());
      assertEquals(1.0, shares.stream().mapToDouble(Double::doubleValue).sum(), 1e-9, f.name());
    }
  }

  @Test
  void scoresDrawnLikeTheDevelopmentPopulationAreStableAndLowerScoresAreNot() throws IOException {
    Reference r = shipped();
    Index same = PopulationStability.scores(r, drawnLike(r, 10_000));
    assertTrue(same.psi() < 0.001, "psi " + same.psi());
    assertEquals(Status.STABLE, same.status());
    assertEquals(r.scoreCuts().size() + 1, same.buckets().size());
    assertEquals("[-inf, 597)", same.buckets().get(0).label());
    assertEquals("[754, +inf)", same.buckets().get(same.buckets().size() - 1).label());

    // every score 40 points lower: most of the population moves down a bucket or more
    int[] lower = Arrays.stream(drawnLike(r, 10_000)).map(s -> s - 40).toArray();
    Index shifted = PopulationStability.scores(r, lower);
    assertEquals(Status.SHIFT, shifted.status(), "psi " + shifted.psi());
    assertTrue(shifted.buckets().get(0).actual() > 0.25); // three buckets fall into the lowest
  }

  @Test
  void aScoreOnACutBelongsToTheBucketAboveIt() {
    List<Integer> cuts = List.of(600, 700);
    assertEquals(0, PopulationStability.scoreBucket(cuts, 599));
    assertEquals(1, PopulationStability.scoreBucket(cuts, 600));
    assertEquals(1, PopulationStability.scoreBucket(cuts, 699));
    assertEquals(2, PopulationStability.scoreBucket(cuts, 700));
  }

  @Test
  void missingValuesAndUnseenCategoriesCountInTheMissingBin() {
    ScorecardFeature numeric =
        new ScorecardFeature(
            "revolving_utilisation",
            ScorecardFeature.FeatureType.NUMERIC,
            ScorecardFeature.Monotonicity.DECREASING,
            "R",
            "r",
            null,
            null,
            List.of(new Bin(null, 50.0, null, 60, null), new Bin(50.0, null, null, 20, null)),
            30,
            null);
    List<Object> values = new ArrayList<>(Arrays.asList(10.0, 49.9, 50.0, null));
    Index index = PopulationStability.feature(numeric, List.of(0.5, 0.25, 0.25), values);
    assertEquals(List.of(2L, 1L, 1L), index.buckets().stream().map(b -> b.count()).toList());
    assertEquals("missing", index.buckets().get(2).label());
    assertEquals(0.0, index.psi(), 1e-12);

    ScorecardFeature categorical =
        new ScorecardFeature(
            "housing",
            ScorecardFeature.FeatureType.CATEGORICAL,
            ScorecardFeature.Monotonicity.NONE,
            "H",
            "h",
            null,
            null,
            List.of(new Bin(null, null, List.of("own"), 40, null)),
            10,
            null);
    Index c =
        PopulationStability.feature(
            categorical, List.of(0.5, 0.5), new ArrayList<>(Arrays.asList("own", "castle")));
    assertEquals(List.of(1L, 1L), c.buckets().stream().map(b -> b.count()).toList());
  }

  @Test
  void aReportWithoutTrainScoresOrWithBadCutsGivesNoReference() throws IOException {
    Scorecard card = synthetic();
    ObjectNode report = (ObjectNode) resource("person-synthetic-v2.report.json");
    assertTrue(PopulationStability.reference(report, card).isPresent());

    ObjectNode old = report.deepCopy();
    old.remove("trainScores"); // a report written before the trainer kept the distribution
    assertTrue(PopulationStability.reference(old, card).isEmpty());
    assertTrue(PopulationStability.reference(null, card).isEmpty());

    ObjectNode unordered = report.deepCopy();
    ArrayNode cuts = (ArrayNode) unordered.path("trainScores").path("cuts");
    cuts.set(1, cuts.get(0).intValue()); // two equal cuts
    assertTrue(PopulationStability.reference(unordered, card).isEmpty());

    ObjectNode short_ = report.deepCopy();
    ((ArrayNode) short_.path("trainScores").path("shares")).remove(0);
    assertTrue(PopulationStability.reference(short_, card).isEmpty());

    // a feature whose bins do not match the model's is left out, the rest kept
    ObjectNode mismatched = report.deepCopy();
    ((ArrayNode) mismatched.path("features").get(0).path("bins")).remove(0);
    Reference r = PopulationStability.reference(mismatched, card).orElseThrow();
    assertEquals(card.features().size() - 1, r.featureShares().size());
  }

  /**
   * The index is the trainer's, to the last bit, whatever the shares and counts (300 generated
   * cases, seeded: a failure names its case).
   */
  @Test
  void theIndexIsTheTrainersIndex() {
    Random random = new Random(20261130);
    for (int t = 0; t < 300; t++) {
      int n = 2 + random.nextInt(11);
      double[] weights = new double[n];
      long[] live = new long[n];
      double total = 0;
      long liveTotal = 0;
      for (int i = 0; i < n; i++) {
        weights[i] = random.nextInt(4) == 0 ? 0 : random.nextInt(1000); // some empty buckets
        total += weights[i];
        live[i] = random.nextInt(4) == 0 ? 0 : random.nextInt(5000);
        liveTotal += live[i];
      }
      if (total == 0 || liveTotal == 0) {
        continue;
      }
      double[] expected = new double[n];
      double[] actual = new double[n];
      for (int i = 0; i < n; i++) {
        expected[i] = weights[i] / total;
        actual[i] = (double) live[i] / liveTotal;
      }
      String[] labels = new String[n];
      Arrays.fill(labels, "b");
      Index ours =
          PopulationStability.index("f", labels, Arrays.stream(expected).boxed().toList(), live);
      Stability.Index trainers = Stability.index("f", labels, expected, actual);
      assertEquals(trainers.psi(), ours.psi(), 1e-12, "case " + t);
      assertEquals(trainers.status(), ours.status().name(), "case " + t);
      assertTrue(ours.psi() >= 0, "case " + t);
    }
  }
}

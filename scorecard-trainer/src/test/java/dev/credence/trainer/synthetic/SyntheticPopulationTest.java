package dev.credence.trainer.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.credence.trainer.TrainerConfig;
import dev.credence.trainer.TrainingRun;
import dev.credence.trainer.data.Dataset;
import dev.credence.trainer.model.ScoredFeature;
import dev.credence.trainer.report.Metrics;
import dev.credence.trainer.report.Stability;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SyntheticPopulationTest {
  static TrainerConfig config;
  static Dataset population;
  static TrainingRun.Result result;

  static Dataset generate(long seed, int rows, double shift) throws IOException {
    StringWriter w = new StringWriter();
    SyntheticPopulation.write(w, seed, rows, shift);
    return Dataset.read(
        new StringReader(w.toString()), "synthetic", "default_12m", "0", "1", Set.of(""));
  }

  @BeforeAll
  static void train() throws IOException {
    config = TrainerConfig.read(java.nio.file.Path.of("config/person-synthetic.json"));
    population = generate(20261129, 30000, 0);
    result = new TrainingRun(config).run(population, "synthetic", 0, null);
  }

  @Test
  void theSameSeedGivesTheSameFileAndAnotherSeedAnotherFile() throws IOException {
    StringWriter a = new StringWriter();
    StringWriter b = new StringWriter();
    StringWriter c = new StringWriter();
    SyntheticPopulation.write(a, 1, 500, 0);
    SyntheticPopulation.write(b, 1, 500, 0);
    SyntheticPopulation.write(c, 2, 500, 0);
    assertEquals(a.toString(), b.toString());
    assertNotEquals(a.toString(), c.toString());
  }

  @Test
  void columnsAreTheScoringServiceFeatureNames() {
    assertEquals(
        List.of(
            "revolving_utilisation",
            "worst_delinquency_24m",
            "months_since_oldest_account",
            "open_accounts",
            "hard_inquiries_12m",
            "derogatory_accounts"),
        population.columnNames());
  }

  @Test
  void missingnessAndDefaultRateAreAsDocumented() {
    assertEquals(0.15, missingShare("revolving_utilisation"), 0.01);
    assertEquals(0.03, missingShare("worst_delinquency_24m"), 0.005);
    assertEquals(0.02, missingShare("months_since_oldest_account"), 0.005);
    assertEquals(0.0, missingShare("open_accounts"));
    double badRate = (double) population.bads() / population.size();
    assertTrue(badRate > 0.04 && badRate < 0.09, "bad rate " + badRate);
  }

  private static double missingShare(String column) {
    long n = java.util.Arrays.stream(population.column(column)).filter(v -> v == null).count();
    return (double) n / population.size();
  }

  @Test
  void theScorecardComesCloseToTheTrueModelsDiscrimination() {
    Random r = new Random(20261129);
    double[] truth = new double[30000];
    boolean[] bad = new boolean[30000];
    for (int i = 0; i < truth.length; i++) {
      var p = SyntheticPopulation.draw(r, 0);
      truth[i] = -p.trueBadProbability(); // higher = better, like a score
      bad[i] = p.bad();
    }
    double oracle = Metrics.auc(truth, bad);
    double test = result.report().test().auc();
    System.out.printf("synthetic: true-model AUC %.4f, scorecard test AUC %.4f%n", oracle, test);
    assertTrue(test > 0.72 && test <= oracle + 0.02, "test " + test + " oracle " + oracle);
  }

  @Test
  void everyFeatureOfTheTrueProcessIsSelectedAndScoresInTheTrueDirection() {
    var card = result.card();
    assertEquals(6, card.features().size());
    for (ScoredFeature f : card.features()) {
      String expected =
          switch (f.name()) {
            case "months_since_oldest_account", "open_accounts" -> "INCREASING";
            default -> "DECREASING";
          };
      assertEquals(expected, f.binning().monotonic().name(), f.name());
    }
  }

  @Test
  void aStressedLaterPopulationShiftsAndAFreshDrawDoesNot() throws IOException {
    var fresh = Stability.compare(result.card(), result.train(), generate(99, 10000, 0));
    var stressed = Stability.compare(result.card(), result.train(), generate(99, 10000, 1.0));
    assertEquals("STABLE", fresh.score().status(), "psi " + fresh.score().psi());
    assertTrue(stressed.score().psi() > 0.10, "psi " + stressed.score().psi());
    assertTrue(
        stressed.features().stream().anyMatch(i -> !i.status().equals("STABLE")),
        "some feature moved");
  }
}

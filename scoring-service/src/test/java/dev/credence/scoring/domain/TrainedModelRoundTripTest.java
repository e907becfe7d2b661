package dev.credence.scoring.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.trainer.TrainerConfig;
import dev.credence.trainer.TrainingRun;
import dev.credence.trainer.cli.Main;
import dev.credence.trainer.data.Dataset;
import dev.credence.trainer.model.ModelFile;
import dev.credence.trainer.model.TrainedScorecard;
import dev.credence.trainer.synthetic.SyntheticPopulation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer's model files go through this service's own loader and validator unchanged, and this
 * service's {@link ScoreCalculator} gives, row for row, exactly the score the trainer computed.
 */
class TrainedModelRoundTripTest {
  static final Path TRAINER = Path.of("../scorecard-trainer");
  static final long SYNTHETIC_SEED = 20261129;
  static final int SYNTHETIC_ROWS = 30000;

  static final ObjectMapper JSON = new ObjectMapper();

  private final ScoreCalculator calculator = new ScoreCalculator();

  /**
   * The texts and version with which the same config fitted {@code person-synthetic-v1}: v2 is the
   * same run with corrected reason texts (docs/model-development.md), so v1 must still come out of
   * the committed config with these put back, byte for byte.
   */
  static final Map<String, String> V1_REASON_TEXTS =
      Map.of(
          "months_since_oldest_account", "Length of time accounts have been established",
          "open_accounts", "Number of open accounts",
          "hard_inquiries_12m", "Number of hard inquiries in the last 12 months",
          "derogatory_accounts", "Accounts in collection or charged off");

  @TempDir Path tmp;

  /** The trainer's run of {@code config} on the documented synthetic population. */
  record Fit(TrainingRun.Result run, Dataset data) {}

  static Fit fit(TrainerConfig config) throws IOException {
    StringWriter csv = new StringWriter();
    SyntheticPopulation.write(csv, SYNTHETIC_SEED, SYNTHETIC_ROWS, 0);
    Dataset data =
        Dataset.read(
            new StringReader(csv.toString()),
            "synthetic",
            config.target().column(),
            config.target().good(),
            config.target().bad(),
            config.missingTokenSet());
    TrainingRun.Result run =
        new TrainingRun(config)
            .run(data, Main.syntheticSource(SYNTHETIC_SEED, SYNTHETIC_ROWS), 0, null);
    return new Fit(run, data);
  }

  static String shipped(String file) throws IOException {
    try (InputStream in =
        TrainedModelRoundTripTest.class.getClassLoader().getResourceAsStream("models/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void theShippedSyntheticPersonModelIsExactlyWhatTheTrainerFitsAndScoresTheSameHere()
      throws IOException {
    TrainerConfig config = TrainerConfig.read(TRAINER.resolve("config/person-synthetic.json"));
    assertEquals("2", config.model().version(), "the committed config fits person-synthetic-v2");
    Fit fit = fit(config);
    TrainedScorecard trained = fit.run().card();

    String shipped = shipped("person-synthetic-v2.json");
    assertEquals(
        ModelFile.toJson(trained),
        shipped,
        "models/person-synthetic-v2.json must be the trainer's output for"
            + " scorecard-trainer/config/person-synthetic.json (./credence train --config"
            + " scorecard-trainer/config/person-synthetic.json --synthetic-seed 20261129 --rows"
            + " 30000 --out …)");

    Scorecard loaded =
        new ScorecardReader(FeatureCatalog.names()).read("person-synthetic-v2", bytes(shipped));
    assertEquals("person-synthetic-v2", loaded.key());
    assertSameScores(trained, loaded, fit.data());

    // its validation report, the reference of live stability, is the same run's
    assertEquals(
        JSON.readTree(JSON.writeValueAsString(fit.run().report())),
        JSON.readTree(shipped("person-synthetic-v2.report.json")),
        "models/person-synthetic-v2.report.json must be the report.json of the same command");
  }

  /**
   * v1 stays reproducible (a disclosure names it): the committed config with v1's version and
   * reason texts put back fits it byte for byte, and its report value for value.
   */
  @Test
  void theShippedV1IsTheSameFitWithItsOwnTexts() throws IOException {
    ObjectNode config =
        (ObjectNode) JSON.readTree(TRAINER.resolve("config/person-synthetic.json").toFile());
    ((ObjectNode) config.get("model")).put("version", "1");
    V1_REASON_TEXTS.forEach(
        (feature, text) ->
            ((ObjectNode) config.get("featureSettings").get(feature)).put("reasonText", text));
    Path v1Config = tmp.resolve("person-synthetic-v1-config.json");
    JSON.writeValue(v1Config.toFile(), config);

    Fit fit = fit(TrainerConfig.read(v1Config));
    assertEquals(
        ModelFile.toJson(fit.run().card()),
        shipped("person-synthetic-v1.json"),
        "models/person-synthetic-v1.json must be the trainer's output for"
            + " scorecard-trainer/config/person-synthetic.json with version 1 and v1's reason texts");
    assertEquals(
        JSON.readTree(JSON.writeValueAsString(fit.run().report())),
        JSON.readTree(shipped("person-synthetic-v1.report.json")),
        "models/person-synthetic-v1.report.json must be the report.json of the same run");
  }

  @Test
  void aGermanCreditModelRoundTripsThroughTheLoaderWithItsOwnFeatureNames() throws IOException {
    TrainerConfig config = TrainerConfig.read(TRAINER.resolve("config/german-credit.json"));
    Path file = TRAINER.resolve("data/german_credit.csv");
    Dataset data =
        Dataset.read(
            file,
            config.target().column(),
            config.target().good(),
            config.target().bad(),
            config.missingTokenSet());
    TrainedScorecard trained = new TrainingRun(config).run(data, file.toString(), 0, null).card();
    Set<String> names = new LinkedHashSet<>();
    trained.features().forEach(f -> names.add(f.name()));

    Scorecard loaded =
        new ScorecardReader(names).read("german-credit-v1", bytes(ModelFile.toJson(trained)));
    assertEquals(trained.features().size(), loaded.features().size());
    assertTrue(
        loaded.features().stream()
            .anyMatch(f -> f.type() == ScorecardFeature.FeatureType.CATEGORICAL));
    assertSameScores(trained, loaded, data);
  }

  private void assertSameScores(TrainedScorecard trained, Scorecard loaded, Dataset data) {
    for (int row = 0; row < data.size(); row++) {
      Map<String, Object> values = new LinkedHashMap<>();
      for (ScorecardFeature f : loaded.features()) {
        String raw = data.column(f.name())[row];
        values.put(
            f.name(),
            raw == null
                ? null
                : f.type() == ScorecardFeature.FeatureType.NUMERIC ? Double.valueOf(raw) : raw);
      }
      int here = calculator.score(loaded, FeatureVector.of(values)).score();
      assertEquals(trained.score(data, row), here, "row " + row + " " + values);
    }
  }

  private static InputStream bytes(String json) {
    return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
  }
}

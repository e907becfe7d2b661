package dev.credence.scoring.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/**
 * The trainer's model files go through this service's own loader and validator unchanged, and this
 * service's {@link ScoreCalculator} gives, row for row, exactly the score the trainer computed.
 */
class TrainedModelRoundTripTest {
  static final Path TRAINER = Path.of("../scorecard-trainer");
  static final long SYNTHETIC_SEED = 20261129;
  static final int SYNTHETIC_ROWS = 30000;

  private final ScoreCalculator calculator = new ScoreCalculator();

  @Test
  void theShippedSyntheticPersonModelIsExactlyWhatTheTrainerFitsAndScoresTheSameHere()
      throws IOException {
    TrainerConfig config = TrainerConfig.read(TRAINER.resolve("config/person-synthetic.json"));
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
    TrainedScorecard trained = run.card();

    String shipped;
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream("models/person-synthetic-v1.json")) {
      shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertEquals(
        ModelFile.toJson(trained),
        shipped,
        "models/person-synthetic-v1.json must be the trainer's output for"
            + " scorecard-trainer/config/person-synthetic.json (./credence train --config"
            + " scorecard-trainer/config/person-synthetic.json --synthetic-seed 20261129 --rows"
            + " 30000 --out …)");

    Scorecard loaded =
        new ScorecardReader(FeatureCatalog.names()).read("person-synthetic-v1", bytes(shipped));
    assertEquals("person-synthetic-v1", loaded.key());
    assertSameScores(trained, loaded, data);

    // its validation report, the reference of live stability, is the same run's
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream("models/person-synthetic-v1.report.json")) {
      assertEquals(
          json.readTree(json.writeValueAsString(run.report())),
          json.readTree(in),
          "models/person-synthetic-v1.report.json must be the report.json of the same command");
    }
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

package dev.credence.scoring.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.credence.common.problem.ProblemException;
import dev.credence.common.problem.ProblemTypes;
import dev.credence.scoring.config.ScoringConfig;
import dev.credence.scoring.domain.PopulationStability;
import dev.credence.scoring.domain.PopulationStability.Index;
import dev.credence.scoring.domain.PopulationStability.Reference;
import dev.credence.scoring.domain.ScorecardFeature;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Live population stability of a person scorecard: the scores it released in a window (its {@code
 * SCORED} disclosures) against the population it was developed on (its validation report), for the
 * score and for each feature it uses. Only aggregates leave this class: shares and counts per
 * bucket, never a person's score or features.
 */
@ApplicationScoped
public class StabilityService {
  static final Duration DEFAULT_WINDOW = Duration.ofDays(30);
  static final Duration ID_MARGIN = Duration.ofMinutes(1);

  @Inject ModelRegistryService registry;
  @Inject AgroalDataSource dataSource;
  @Inject ScoringConfig config;
  @Inject ObjectMapper json;
  @Inject Clock clock;

  /** What {@code GET /v1/models/{key}/stability} answers. */
  public record Report(
      String model,
      Instant from,
      Instant to,
      String reference,
      int scores,
      boolean truncated,
      int minScores,
      String assessment,
      Index score,
      List<Index> features,
      List<String> featuresWithoutReference) {}

  /**
   * The stability of {@code key}'s released scores from {@code from} (inclusive) to {@code to}
   * (exclusive); {@code to} defaults to now, {@code from} to 30 days before {@code to}.
   */
  public Report stability(String key, String fromParam, String toParam) {
    Instant to = instant("to", toParam, clock.instant());
    Instant from = instant("from", fromParam, to.minus(DEFAULT_WINDOW));
    if (!from.isBefore(to)) {
      throw invalid("from", "must be before to");
    }
    if (Duration.between(from, to).compareTo(config.stability().maxWindow()) > 0) {
      throw invalid(
          "from", "the window may be at most " + config.stability().maxWindow().toDays() + " days");
    }
    return stability(key, from, to, config.stability().maxScores());
  }

  /** The same for a window already checked, reading at most {@code maxScores} scores. */
  public Report stability(String key, Instant from, Instant to, int maxScores) {
    ModelRegistryService.RegisteredScorecard model =
        registry
            .scorecardWithReport(key)
            .orElseThrow(
                () ->
                    new ProblemException(
                        ModelProblems.NO_STABILITY_REFERENCE,
                        "Model "
                            + key
                            + " is an organisation rating model: stability is measured for person"
                            + " scorecards against their development population."));
    Reference reference =
        PopulationStability.reference(model.validationReport(), model.card())
            .orElseThrow(
                () ->
                    new ProblemException(
                        ModelProblems.NO_STABILITY_REFERENCE,
                        "Model "
                            + key
                            + " has no development score distribution: its validation report is"
                            + " missing or older than the trainer's trainScores section; register"
                            + " the model with the report.json of the run that fitted it."));

    Released released = released(model.model(), from, to, maxScores);
    List<Index> features = new ArrayList<>();
    List<String> without = new ArrayList<>();
    for (ScorecardFeature f : model.card().features()) {
      List<Double> expected = reference.featureShares().get(f.name());
      if (expected == null) {
        without.add(f.name());
      } else {
        features.add(
            PopulationStability.feature(
                f, expected, released.values().getOrDefault(f.name(), List.of())));
      }
    }
    Index score = PopulationStability.scores(reference, released.scores());
    int n = released.scores().length;
    return new Report(
        key,
        from,
        to,
        reference.population(),
        n,
        released.truncated(),
        config.stability().minScores(),
        n < config.stability().minScores() ? "INSUFFICIENT_DATA" : score.status().name(),
        score,
        features,
        without);
  }

  record Released(int[] scores, Map<String, List<Object>> values, boolean truncated) {}

  /**
   * The latest {@code max} scored disclosures of the model in the window. Disclosure ids are
   * time-ordered (RFC 9562 version 7), so the window is first a range of the primary key and the
   * read never scans the table; {@code computed_at} then holds it to the exact instants.
   */
  Released released(ModelRegistryService.Summary model, Instant from, Instant to, int max) {
    List<Integer> scores = new ArrayList<>();
    Map<String, List<Object>> values = new HashMap<>();
    boolean truncated = false;
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select score, cast(features as text) from disclosure"
                    + " where id >= ? and id < ? and computed_at >= ? and computed_at < ?"
                    + " and model_id = ? and model_version = ? and outcome = 'SCORED'"
                    + " and subject_type = 'PERSON' order by id desc limit ?")) {
      // an id is minted a moment after computed_at is taken: a minute's margin, computed_at decides
      s.setObject(1, lowestIdAt(from.minus(ID_MARGIN)));
      s.setObject(2, lowestIdAt(to.plus(ID_MARGIN)));
      s.setTimestamp(3, Timestamp.from(from));
      s.setTimestamp(4, Timestamp.from(to));
      s.setString(5, model.id());
      s.setString(6, model.version());
      s.setInt(7, max + 1);
      s.setFetchSize(1000);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          if (scores.size() == max) {
            truncated = true;
            break;
          }
          scores.add(r.getInt(1));
          JsonNode features = json.readTree(r.getString(2));
          features
              .fields()
              .forEachRemaining(
                  e -> values.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(value(e)));
        }
      }
    } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(
          "the released scores could not be read (SQLSTATE "
              + (e instanceof SQLException q ? q.getSQLState() : "-")
              + ")",
          e);
    }
    return new Released(scores.stream().mapToInt(Integer::intValue).toArray(), values, truncated);
  }

  private static Object value(Map.Entry<String, JsonNode> e) {
    JsonNode v = e.getValue();
    if (v == null || v.isNull()) {
      return null;
    }
    return v.isNumber() ? (Object) v.asDouble() : v.asText();
  }

  /**
   * The smallest version 7 UUID of the millisecond {@code at}: every id minted then or later is >=.
   */
  static UUID lowestIdAt(Instant at) {
    return new UUID(at.toEpochMilli() << 16, 0L);
  }

  private static Instant instant(String field, String value, Instant otherwise) {
    if (value == null || value.isBlank()) {
      return otherwise;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw invalid(field, "an instant such as 2026-11-01T00:00:00Z");
    }
  }

  private static ProblemException invalid(String field, String message) {
    return new ProblemException(
        ProblemTypes.VALIDATION_FAILED,
        field + ": " + message,
        Map.of("errors", List.of(Map.of("field", field, "message", message))));
  }
}

package dev.credence.trainer.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.trainer.TrainingException;
import dev.credence.trainer.binning.BinStat;
import dev.credence.trainer.binning.BinStat.Kind;
import dev.credence.trainer.binning.FeatureBinning;
import dev.credence.trainer.binning.FeatureBinning.Monotonic;
import dev.credence.trainer.binning.FeatureBinning.Type;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a {@link TrainedScorecard} in exactly the scoring-service model file format
 * (docs/scoring.md, "Model file format") and reads such a file back (for stability reports).
 *
 * <p>The format has no special-value bins for numeric features: a numeric feature whose special
 * values occurred in training cannot be exported and is refused with a message. A categorical
 * special value is exported as a bin of its own.
 */
public final class ModelFile {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ModelFile() {}

  public static String toJson(TrainedScorecard card) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("id", card.id());
    root.put("version", card.version());
    root.put("subjectType", card.subjectType());
    root.put("description", card.description());
    root.put("provenance", card.provenance());
    ObjectNode s = root.putObject("scaling");
    s.put("baseScore", card.scaling().baseScore());
    s.put("baseOdds", card.scaling().baseOdds());
    s.put("pdo", card.scaling().pdo());
    s.put("min", card.scaling().min());
    s.put("max", card.scaling().max());
    ArrayNode bands = root.putArray("bands");
    for (TrainedScorecard.Band b : card.bands()) {
      bands.addObject().put("name", b.name()).put("min", b.min()).put("max", b.max());
    }
    root.putObject("minimumScoringCriteria")
        .put("minimumTradelines", card.minimumTradelines())
        .put("recentActivityMonths", card.recentActivityMonths());
    ArrayNode features = root.putArray("features");
    for (ScoredFeature f : card.features()) {
      FeatureBinning fb = f.binning();
      ObjectNode n = features.addObject();
      n.put("name", f.name());
      n.put("type", fb.type().name().toLowerCase(Locale.ROOT));
      n.put("monotonic", fb.monotonic().name().toLowerCase(Locale.ROOT));
      n.put("reasonCode", f.reasonCode());
      n.put("reasonText", f.reasonText());
      if (f.missingReasonCode() != null) {
        n.put("missingReasonCode", f.missingReasonCode());
        n.put("missingReasonText", f.missingReasonText());
      }
      ArrayNode bins = n.putArray("bins");
      for (int i = 0; i < fb.bins().size(); i++) {
        BinStat b = fb.bins().get(i);
        if (b.kind() == Kind.MISSING) {
          continue;
        }
        if (b.kind() == Kind.SPECIAL && fb.type() == Type.NUMERIC) {
          throw new TrainingException(
              "feature '"
                  + f.name()
                  + "': the special value "
                  + b.categories()
                  + " occurred in training, but the scoring-service format has no special bins"
                  + " for numeric features; map it to missing in the data or drop it from"
                  + " specialValues");
        }
        ObjectNode bin = bins.addObject();
        if (fb.type() == Type.NUMERIC) {
          putNullable(bin, "lower", b.lower());
          putNullable(bin, "upper", b.upper());
        } else {
          ArrayNode cats = bin.putArray("categories");
          b.categories().forEach(cats::add);
        }
        bin.put("woe", round4(b.woe()));
        bin.put("points", f.points()[i]);
      }
      n.put("missingWoe", round4(fb.bins().get(fb.missingIndex()).woe()));
      n.put("missingPoints", f.points()[fb.missingIndex()]);
    }
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new TrainingException("cannot write the model: " + e.getMessage(), e);
    }
  }

  public static void write(TrainedScorecard card, Path file) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.writeString(file, toJson(card));
    } catch (IOException e) {
      throw new TrainingException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads a model file back; counts and coefficients are not in the file (zero / NaN). */
  public static TrainedScorecard read(Path file) {
    JsonNode root;
    try {
      root = MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new TrainingException("cannot read model " + file + ": " + e.getMessage(), e);
    }
    JsonNode s = root.path("scaling");
    List<TrainedScorecard.Band> bands = new ArrayList<>();
    root.path("bands")
        .forEach(
            b ->
                bands.add(
                    new TrainedScorecard.Band(
                        b.path("name").asText(), b.path("min").asInt(), b.path("max").asInt())));
    List<ScoredFeature> features = new ArrayList<>();
    for (JsonNode f : root.path("features")) {
      Type type = Type.valueOf(f.path("type").asText().toUpperCase(Locale.ROOT));
      List<BinStat> bins = new ArrayList<>();
      List<Integer> points = new ArrayList<>();
      for (JsonNode b : f.path("bins")) {
        List<String> cats = null;
        if (b.has("categories")) {
          cats = new ArrayList<>();
          for (JsonNode c : b.path("categories")) {
            cats.add(c.asText());
          }
        }
        bins.add(
            new BinStat(
                type == Type.NUMERIC ? Kind.INTERVAL : Kind.CATEGORIES,
                nullableDouble(b.get("lower")),
                nullableDouble(b.get("upper")),
                cats,
                0,
                0,
                b.path("woe").asDouble(0)));
        points.add(b.path("points").asInt());
      }
      bins.add(new BinStat(Kind.MISSING, null, null, null, 0, 0, f.path("missingWoe").asDouble(0)));
      points.add(f.path("missingPoints").asInt());
      FeatureBinning fb =
          new FeatureBinning(
              f.path("name").asText(),
              type,
              Monotonic.valueOf(f.path("monotonic").asText("none").toUpperCase(Locale.ROOT)),
              List.copyOf(bins),
              Double.NaN);
      features.add(
          new ScoredFeature(
              fb,
              Double.NaN,
              points.stream().mapToInt(Integer::intValue).toArray(),
              f.path("reasonCode").asText(),
              f.path("reasonText").asText(),
              f.hasNonNull("missingReasonCode") ? f.path("missingReasonCode").asText() : null,
              f.hasNonNull("missingReasonText") ? f.path("missingReasonText").asText() : null));
    }
    JsonNode msc = root.path("minimumScoringCriteria");
    return new TrainedScorecard(
        root.path("id").asText(),
        root.path("version").asText(),
        root.path("subjectType").asText(),
        root.path("description").asText(),
        root.path("provenance").asText(),
        new TrainedScorecard.Scaling(
            s.path("baseScore").asDouble(),
            s.path("baseOdds").asDouble(),
            s.path("pdo").asDouble(),
            s.path("min").asInt(),
            s.path("max").asInt()),
        bands,
        msc.path("minimumTradelines").asInt(1),
        msc.path("recentActivityMonths").asInt(24),
        Double.NaN,
        features);
  }

  private static Double nullableDouble(JsonNode n) {
    return n == null || n.isNull() ? null : n.asDouble();
  }

  private static void putNullable(ObjectNode node, String field, Double value) {
    if (value == null) {
      node.putNull(field);
    } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      node.put(field, value.longValue());
    } else {
      node.put(field, value);
    }
  }

  private static double round4(double d) {
    return Math.round(d * 10000) / 10000.0;
  }
}

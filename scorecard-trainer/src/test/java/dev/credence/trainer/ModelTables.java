package dev.credence.trainer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An independent reading of a model file's tables, the way scoring-service scores: a numeric value
 * falls in the bin {@code [lower, upper)}, a category in the bin listing it, anything else
 * (missing, unparseable, unseen) in the missing bin.
 */
final class ModelTables {
  private ModelTables() {}

  static int points(JsonNode feature, String raw) {
    if (raw != null) {
      boolean numeric = feature.path("type").asText().equals("numeric");
      for (JsonNode b : feature.path("bins")) {
        if (numeric) {
          double x;
          try {
            x = Double.parseDouble(raw);
          } catch (NumberFormatException e) {
            break;
          }
          boolean aboveLower = b.path("lower").isNull() || x >= b.path("lower").asDouble();
          boolean belowUpper = b.path("upper").isNull() || x < b.path("upper").asDouble();
          if (aboveLower && belowUpper) {
            return b.path("points").asInt();
          }
        } else {
          for (JsonNode c : b.path("categories")) {
            if (c.asText().equals(raw)) {
              return b.path("points").asInt();
            }
          }
        }
      }
    }
    return feature.path("missingPoints").asInt();
  }
}

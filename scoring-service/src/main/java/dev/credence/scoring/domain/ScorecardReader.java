package dev.credence.scoring.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;

/**
 * Reads a model file strictly (unknown fields, fractional points and wrong types are refused) and
 * validates it; the result is safe to score with.
 */
public final class ScorecardReader {
  private static final ObjectMapper MAPPER = strictMapper();

  private final ScorecardValidator validator;

  public ScorecardReader(Set<String> knownFeatures) {
    this.validator = new ScorecardValidator(knownFeatures);
  }

  /** Reads and validates; {@code source} names the file in error messages. */
  public Scorecard read(String source, InputStream json) {
    Scorecard scorecard;
    try {
      scorecard = MAPPER.readValue(json, Scorecard.class);
    } catch (JsonProcessingException e) {
      throw new InvalidScorecardException(source, List.of(describe(e)));
    } catch (IOException e) {
      throw new InvalidScorecardException(source, List.of("cannot be read: " + e.getMessage()));
    }
    if (scorecard == null) {
      throw new InvalidScorecardException(source, List.of("the file is empty"));
    }
    List<String> problems = validator.validate(scorecard);
    if (!problems.isEmpty()) {
      throw new InvalidScorecardException(source, problems);
    }
    return scorecard;
  }

  /**
   * One line naming what is wrong and where, in the model's terms: a required number left out or
   * null is "{@code <path>} is required"; anything else is the parser's first line and the path.
   */
  static String describe(JsonProcessingException e) {
    String message = e.getOriginalMessage().split("\n")[0];
    if (e instanceof MismatchedInputException m
        && !m.getPath().isEmpty()
        && message.startsWith("Cannot map `null` into type")) {
      return where(e) + " is required (a number)";
    }
    return message + " at " + where(e);
  }

  private static String where(JsonProcessingException e) {
    if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m
        && !m.getPath().isEmpty()) {
      StringBuilder path = new StringBuilder();
      for (var ref : m.getPath()) {
        if (ref.getFieldName() != null) {
          path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
        } else {
          path.append('[').append(ref.getIndex()).append(']');
        }
      }
      return path.toString();
    }
    return e.getLocation() == null
        ? "unknown location"
        : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
  }

  static ObjectMapper strictMapper() {
    JsonMapper mapper =
        JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();
    // "points": "12" is a mistake, not an integer
    mapper
        .coercionConfigFor(LogicalType.Integer)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    mapper
        .coercionConfigFor(LogicalType.Float)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    return mapper;
  }
}

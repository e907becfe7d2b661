package dev.credence.scoring.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Reads an organisation rating model strictly and validates it; the result is safe to rate with.
 */
public final class RatingModelReader {
  private static final ObjectMapper MAPPER = ScorecardReader.strictMapper();
  private final RatingModelValidator validator = new RatingModelValidator();

  public RatingModel read(String source, InputStream json) {
    RatingModel model;
    try {
      model = MAPPER.readValue(json, RatingModel.class);
    } catch (JsonProcessingException e) {
      throw new InvalidScorecardException(source, List.of(ScorecardReader.describe(e)));
    } catch (IOException e) {
      throw new InvalidScorecardException(source, List.of("cannot be read: " + e.getMessage()));
    }
    if (model == null) {
      throw new InvalidScorecardException(source, List.of("the file is empty"));
    }
    List<String> problems = validator.validate(model);
    if (!problems.isEmpty()) {
      throw new InvalidScorecardException(source, problems);
    }
    return model;
  }
}

package dev.credence.scoring.domain;

import java.util.List;

/** A model file that must not be used, with every reason found. */
public class InvalidScorecardException extends RuntimeException {
  private final List<String> problems;

  public InvalidScorecardException(String model, List<String> problems) {
    super("Scoring model '" + model + "' is invalid:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}

package dev.credence.common.problem;

import java.util.Map;

/**
 * Thrown by use cases to answer with a specific problem type. The detail must not carry personal
 * data beyond pseudonymous ids the caller already holds.
 */
public class ProblemException extends RuntimeException {
  private final ProblemType type;
  private final Map<String, Object> extensions;

  public ProblemException(ProblemType type, String detail) {
    this(type, detail, Map.of());
  }

  public ProblemException(ProblemType type, String detail, Map<String, Object> extensions) {
    super(detail, null, false, false);
    this.type = type;
    this.extensions = extensions;
  }

  public ProblemType type() {
    return type;
  }

  public Map<String, Object> extensions() {
    return extensions;
  }
}

package dev.credence.scoring.service;

import dev.credence.common.problem.ProblemType;

/** Problem types of the model registry (docs/errors.md). */
public final class ModelProblems {
  public static final ProblemType MODEL_NOT_FOUND =
      new ProblemType("model-not-found", 404, "Model not found");
  public static final ProblemType MODEL_EXISTS =
      new ProblemType("model-exists", 409, "Model already registered");
  public static final ProblemType INVALID_MODEL =
      new ProblemType("invalid-model", 422, "Invalid model");
  public static final ProblemType TRANSITION_NOT_ALLOWED =
      new ProblemType("model-transition-not-allowed", 409, "Model status change not allowed");
  public static final ProblemType VALIDATION_REPORT_REQUIRED =
      new ProblemType("validation-report-required", 422, "Validation report required");

  public static final ProblemType NO_STABILITY_REFERENCE =
      new ProblemType("no-stability-reference", 409, "No development population to compare with");

  private ModelProblems() {}
}

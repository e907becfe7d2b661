package dev.credence.ingestion.service;

import dev.credence.common.problem.ProblemType;

/** Problem types specific to ingestion (the shared ones are in common's ProblemTypes). */
public final class IngestionProblems {
  /** A request carried a field naming a prohibited attribute: refused whole, nothing stored. */
  public static final ProblemType PROHIBITED_ATTRIBUTE =
      new ProblemType("prohibited-attribute", 422, "Prohibited attribute");

  /** More records than the documented batch limit: refused whole, nothing stored. */
  public static final ProblemType BATCH_TOO_LARGE =
      new ProblemType("batch-too-large", 413, "Batch too large");

  private IngestionProblems() {}
}

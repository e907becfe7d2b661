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

  /** A furnisher tried to change a dispute that is no longer OPEN. */
  public static final ProblemType DISPUTE_CLOSED =
      new ProblemType("dispute-closed", 409, "Dispute already closed");

  /**
   * A furnisher answered a dispute as corrected without having sent a new version of the record
   * since the dispute was opened.
   */
  public static final ProblemType NO_CORRECTION_SENT =
      new ProblemType("no-correction-sent", 409, "No correction sent");

  /** A CSV upload or NDJSON stream is larger than its documented limit. */
  public static final ProblemType UPLOAD_TOO_LARGE =
      new ProblemType("upload-too-large", 413, "Upload too large");

  private IngestionProblems() {}
}

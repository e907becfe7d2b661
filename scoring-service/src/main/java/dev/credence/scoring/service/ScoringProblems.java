package dev.credence.scoring.service;

import dev.credence.common.problem.ProblemType;

/** The problem types of scoring-service (docs/scoring.md, "Problem types"). */
public final class ScoringProblems {
  public static final ProblemType UNKNOWN_SUBJECT =
      new ProblemType("unknown-subject", 404, "Unknown subject");
  public static final ProblemType CONSENT_REQUIRED =
      new ProblemType("consent-required", 403, "Consent required");
  public static final ProblemType CONSENT_STATE_UNAVAILABLE =
      new ProblemType("consent-state-unavailable", 503, "Consent state is not current");

  /**
   * The release's statement reached PostgreSQL but its answer did not come back (a timeout, a cut
   * connection): the disclosure may or may not be recorded. Not retryable as is; the lender looks
   * it up by the {@code disclosureId} the problem carries.
   */
  public static final ProblemType RELEASE_OUTCOME_UNKNOWN =
      new ProblemType("release-outcome-unknown", 500, "Release outcome unknown");

  public static final ProblemType CONSENT_USAGE_EXHAUSTED =
      new ProblemType("consent-usage-exhausted", 403, "Consent usage limit reached");
  public static final ProblemType PURPOSE_NOT_DISCLOSABLE =
      new ProblemType("purpose-not-disclosable", 422, "Purpose does not permit disclosure");
  public static final ProblemType DISCLOSURE_NOT_FOUND =
      new ProblemType("disclosure-not-found", 404, "Disclosure not found");
  public static final ProblemType BATCH_TOO_LARGE =
      new ProblemType("batch-too-large", 413, "Batch too large");
  public static final ProblemType BATCH_PURPOSE =
      new ProblemType("batch-purpose-not-allowed", 422, "Batch purpose not allowed");
  public static final ProblemType HTTPS_REQUIRED =
      new ProblemType("https-required", 403, "HTTPS required");

  private ScoringProblems() {}
}

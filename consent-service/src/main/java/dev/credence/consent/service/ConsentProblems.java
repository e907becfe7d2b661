package dev.credence.consent.service;

import dev.credence.common.problem.ProblemType;

/** Problem types of consent-service (listed in docs/consent.md). */
public final class ConsentProblems {
  public static final ProblemType INVALID_TERMS =
      new ProblemType("invalid-consent-terms", 422, "Invalid consent terms");
  public static final ProblemType NOT_ENROLLED =
      new ProblemType("not-enrolled", 409, "Subject not enrolled");
  public static final ProblemType CONSENT_NOT_FOUND =
      new ProblemType("consent-not-found", 404, "Consent not found");
  public static final ProblemType ILLEGAL_TRANSITION =
      new ProblemType("illegal-consent-transition", 409, "Consent cannot change that way");
  public static final ProblemType UNKNOWN_SUBJECT =
      new ProblemType("unknown-subject", 404, "Unknown subject");
  public static final ProblemType IDENTIFIER_CONFLICT =
      new ProblemType("identifier-conflict", 409, "Identifier already enrolled");

  private ConsentProblems() {}
}

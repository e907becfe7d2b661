package dev.credence.consent.service;

import dev.credence.common.problem.OrganisationProblems;
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
  public static final ProblemType INVALID_ORGANISATION =
      new ProblemType("invalid-organisation", 422, "Invalid organisation registration");
  public static final ProblemType ORGANISATION_NOT_FOUND =
      new ProblemType("organisation-not-found", 404, "Organisation not found");
  public static final ProblemType OFFICER_NOT_LINKED =
      new ProblemType("officer-not-linked", 404, "Officer not linked");
  public static final ProblemType ORGANISATION_REQUIRED =
      OrganisationProblems.ORGANISATION_REQUIRED;
  public static final ProblemType NOT_AN_OFFICER = OrganisationProblems.NOT_AN_OFFICER;
  public static final ProblemType RECORD_NOT_HELD =
      new ProblemType("record-not-held", 404, "No such record held about you");
  public static final ProblemType RECORDS_UNAVAILABLE =
      new ProblemType("records-unavailable", 503, "Records cannot be checked right now");
  public static final ProblemType DISPUTE_ALREADY_OPEN =
      new ProblemType("dispute-already-open", 409, "A dispute over this record is already open");
  public static final ProblemType DISPUTE_NOT_FOUND =
      new ProblemType("dispute-not-found", 404, "Dispute not found");
  public static final ProblemType SUBJECT_ERASED =
      new ProblemType("subject-erased", 409, "Subject erased");
  public static final ProblemType AUDIT_FILTER_REQUIRED =
      new ProblemType("audit-filter-required", 400, "Name a subject or a grantee");

  public static final ProblemType GRANTEE_NOT_FOUND =
      new ProblemType("grantee-not-found", 404, "Grantee not registered");
  public static final ProblemType GRANTEE_KIND_FIXED =
      new ProblemType("grantee-kind-fixed", 409, "A grantee's kind cannot change");
  public static final ProblemType LENDER_NOT_REGISTERED =
      new ProblemType("lender-not-registered", 403, "Lender not registered");

  public static final ProblemType INVALID_CHECKPOINT =
      new ProblemType("invalid-checkpoint", 422, "Not a checkpoint of this access log");

  private ConsentProblems() {}
}

package dev.credence.common.problem;

/**
 * Problems of an officer acting for an organisation (the {@code Credence-Organisation} header), the
 * same in every service that takes the header, so that a client branches on one type.
 */
public final class OrganisationProblems {
  /** An officer's call that names no organisation in the {@code Credence-Organisation} header. */
  public static final ProblemType ORGANISATION_REQUIRED =
      new ProblemType("organisation-required", 400, "Name the organisation you act for");

  /** The header names an organisation the caller is not a current officer of. */
  public static final ProblemType NOT_AN_OFFICER =
      new ProblemType("not-an-officer-of-organisation", 403, "Not an officer of that organisation");

  private OrganisationProblems() {}
}

package dev.credence.consent.rest;

import dev.credence.common.problem.ProblemException;
import dev.credence.common.security.Caller;
import dev.credence.consent.service.ConsentProblems;
import dev.credence.consent.service.OrganisationService;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/**
 * Whose file a call acts on. Without the {@value #HEADER} header: the calling person's own (role
 * individual). With it: the named organisation's, for an officer currently linked to it (role
 * officer) — checked on every call, so an officer of one organisation never reaches another's.
 */
@RequestScoped
public class ActingSubject {
  public static final String HEADER = "Credence-Organisation";

  @Inject Caller caller;
  @Inject SecurityIdentity identity;
  @Inject OrganisationService organisations;

  /** The subject id the call acts for, given the header value (may be null). */
  public String resolve(String organisationHeader) {
    if (organisationHeader == null || organisationHeader.isBlank()) {
      if (!identity.hasRole("individual")) {
        throw new ProblemException(
            ConsentProblems.ORGANISATION_REQUIRED,
            "An officer names the organisation it acts for in the " + HEADER + " header");
      }
      return caller.subjectId();
    }
    String organisationId = organisationHeader.strip();
    if (!identity.hasRole("officer")
        || !organisations.isOfficer(organisationId, caller.subjectId())) {
      throw new ProblemException(
          ConsentProblems.NOT_AN_OFFICER,
          "The caller is not a current officer of organisation " + organisationId);
    }
    return organisationId;
  }

  /** Who performs the change: always the person calling (the officer, not the organisation). */
  public String actor() {
    return caller.subjectId();
  }
}

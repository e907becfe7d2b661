package dev.credence.consent.service;

import dev.credence.common.events.EventCodec;
import dev.credence.common.events.EventEnvelope;
import dev.credence.common.events.Events;
import dev.credence.common.events.IdentifierHash;
import dev.credence.common.events.IdentifierType;
import dev.credence.common.events.OfficerLinkChanged;
import dev.credence.common.events.SubjectType;
import dev.credence.common.events.Topics;
import dev.credence.common.identity.IdentifierHasher;
import dev.credence.common.outbox.Outbox;
import dev.credence.common.problem.ProblemException;
import dev.credence.consent.domain.OrganisationRegistration;
import dev.credence.consent.model.Organisation;
import dev.credence.consent.model.OrganisationOfficer;
import dev.credence.consent.model.Subject;
import dev.credence.consent.model.SubjectIdentifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Operators register organisations and link the officers who manage their consents. */
@ApplicationScoped
public class OrganisationService {
  @Inject IdentifierHasher hasher;
  @Inject SubjectService subjects;
  @Inject Clock clock;
  @Inject Outbox outbox;
  @Inject Topics topics;

  public record Registered(Organisation organisation, List<OrganisationOfficer> officers) {}

  /**
   * Registers an organisation as a new subject {@code org-<uuid>}; its public identifiers are
   * announced to the other services only as keyed hashes.
   */
  @Transactional
  public Organisation register(OrganisationRegistration stated, String operator) {
    OrganisationRegistration r = stated.normalised();
    List<OrganisationRegistration.Violation> violations = r.violations();
    if (!violations.isEmpty()) {
      throw new ProblemException(
          ConsentProblems.INVALID_ORGANISATION,
          violations.stream()
              .map(v -> v.field() + ": " + v.message())
              .reduce((a, b) -> a + "; " + b)
              .orElse(""),
          Map.of(
              "errors",
              violations.stream()
                  .map(v -> Map.of("field", v.field(), "message", v.message()))
                  .toList()));
    }
    List<IdentifierHash> hashes = new ArrayList<>();
    if (r.registrationNumber() != null) {
      // hashed as stated, like furnishers and lenders state it (see docs/consent.md)
      hashes.add(hasher.hash(IdentifierType.COMPANY_REGISTRATION, r.registrationNumber()));
    }
    if (r.lei() != null) {
      hashes.add(hasher.hash(IdentifierType.LEI, r.lei()));
    }
    for (IdentifierHash h : hashes) {
      if (SubjectIdentifier.findById(new SubjectIdentifier.Key(h.type(), h.hash())) != null) {
        throw new ProblemException(
            ConsentProblems.IDENTIFIER_CONFLICT,
            "An organisation with this " + h.type() + " is already registered");
      }
    }
    Instant now = clock.instant();
    Subject subject = new Subject();
    subject.id = "org-" + UUID.randomUUID();
    subject.subjectType = SubjectType.ORGANISATION;
    subject.enrolledAt = now;
    subject.persist();
    Organisation org = new Organisation();
    org.subjectId = subject.id;
    org.legalName = r.legalName();
    org.country = r.country();
    org.registrationNumber = r.registrationNumber();
    org.lei = r.lei();
    org.registeredAt = now;
    org.registeredBy = operator;
    org.persist();
    List<SubjectIdentifier> identifiers = new ArrayList<>();
    for (IdentifierHash h : hashes) {
      SubjectIdentifier identifier = new SubjectIdentifier();
      identifier.key = new SubjectIdentifier.Key(h.type(), h.hash());
      identifier.subjectId = subject.id;
      identifier.persist();
      identifiers.add(identifier);
    }
    subjects.announce(subject, identifiers, now);
    return org;
  }

  public Organisation get(String organisationId) {
    Organisation org = Organisation.findById(organisationId);
    if (org == null) {
      throw notFound(organisationId);
    }
    return org;
  }

  public List<Organisation> all() {
    return Organisation.list("order by registeredAt desc");
  }

  /** The organisations the officer currently acts for. */
  public List<Organisation> ofOfficer(String officerSubjectId) {
    List<String> ids =
        OrganisationOfficer.currentFor(officerSubjectId).stream()
            .map(l -> l.organisationId)
            .toList();
    return ids.isEmpty() ? List.of() : Organisation.list("subjectId in ?1", ids);
  }

  public List<OrganisationOfficer> officers(String organisationId) {
    return OrganisationOfficer.currentOf(organisationId);
  }

  public boolean isOfficer(String organisationId, String officerSubjectId) {
    return OrganisationOfficer.isCurrent(organisationId, officerSubjectId);
  }

  /** Links an officer (idempotent: an existing current link is returned as is). */
  @Transactional
  public OfficerLink link(String organisationId, String officerSubjectId, String operator) {
    Organisation org = Organisation.findById(organisationId, LockModeType.PESSIMISTIC_WRITE);
    if (org == null) {
      throw notFound(organisationId);
    }
    OrganisationOfficer existing =
        OrganisationOfficer.<OrganisationOfficer>find(
                "organisationId = ?1 and officerSubjectId = ?2 and unlinkedAt is null",
                organisationId,
                officerSubjectId)
            .firstResult();
    if (existing != null) {
      return new OfficerLink(existing, false);
    }
    OrganisationOfficer link = new OrganisationOfficer();
    link.id = UUID.randomUUID();
    link.organisationId = organisationId;
    link.officerSubjectId = officerSubjectId;
    link.linkedAt = clock.instant();
    link.linkedBy = operator;
    link.persist();
    announce(organisationId, officerSubjectId, true, link.linkedAt);
    return new OfficerLink(link, true);
  }

  public record OfficerLink(OrganisationOfficer link, boolean created) {}

  /** Closes the officer's current link; from now on they cannot act for the organisation. */
  @Transactional
  public void unlink(String organisationId, String officerSubjectId, String operator) {
    Organisation org = Organisation.findById(organisationId, LockModeType.PESSIMISTIC_WRITE);
    if (org == null) {
      throw notFound(organisationId);
    }
    OrganisationOfficer link =
        OrganisationOfficer.<OrganisationOfficer>find(
                "organisationId = ?1 and officerSubjectId = ?2 and unlinkedAt is null",
                organisationId,
                officerSubjectId)
            .firstResult();
    if (link == null) {
      throw new ProblemException(
          ConsentProblems.OFFICER_NOT_LINKED,
          "Subject " + officerSubjectId + " is not an officer of " + organisationId);
    }
    link.unlinkedAt = clock.instant();
    link.unlinkedBy = operator;
    announce(organisationId, officerSubjectId, false, link.unlinkedAt);
  }

  /** organisation.officer-link-changed, keyed by the organisation (its changes stay in order). */
  private void announce(
      String organisationId, String officerSubjectId, boolean linked, Instant at) {
    EventEnvelope event =
        EventCodec.envelope(
            Events.OFFICER_LINK_CHANGED,
            organisationId,
            SubjectService.PRODUCER,
            new OfficerLinkChanged(organisationId, officerSubjectId, linked, at),
            at);
    outbox.append(topics.consent(), event);
    // the latest state of each link on the compacted topic
    outbox.append(
        topics.consentState(), "officer:" + organisationId + ":" + officerSubjectId, event);
  }

  private static ProblemException notFound(String organisationId) {
    return new ProblemException(
        ConsentProblems.ORGANISATION_NOT_FOUND, "No organisation " + organisationId);
  }
}

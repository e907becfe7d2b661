package dev.credence.scoring.service;

import dev.credence.common.events.DataCategory;
import dev.credence.common.problem.OrganisationProblems;
import dev.credence.common.problem.ProblemException;
import dev.credence.scoring.domain.OrganisationRater;
import dev.credence.scoring.domain.OrganisationRating;
import dev.credence.scoring.domain.RatingModel;
import dev.credence.scoring.domain.ReasonCode;
import dev.credence.scoring.domain.SnapshotHash;
import dev.credence.scoring.model.SubjectView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * An organisation's own rating, for an officer linked to it (the officer's counterpart of a
 * person's {@code GET /v1/me/score}): the same model, records and rules a lender's answer uses,
 * every deduction explained. Like the person's own view it is no disclosure: it writes no
 * disclosure and no inquiry, and no lender learns of it.
 */
@ApplicationScoped
public class OrganisationRatingService {
  private final OrganisationRater rater = new OrganisationRater();

  @Inject OrganisationModelCatalog models;
  @Inject SubjectFileService files;
  @Inject EntityManager em;
  @Inject Clock clock;

  public record OwnRating(
      String organisationId,
      RatingModel model,
      OrganisationRating rating,
      List<ReasonCode> reasonCodes,
      int disputedRecords,
      String snapshotHash,
      Instant computedAt) {}

  @Transactional
  public OwnRating forOfficer(String officerSubjectId, String organisationId) {
    if (organisationId == null || organisationId.isBlank()) {
      throw new ProblemException(
          OrganisationProblems.ORGANISATION_REQUIRED,
          "Credence-Organisation: name the organisation you act for in this header",
          Map.of("header", "Credence-Organisation"));
    }
    // the link first: someone who is not an officer learns nothing, not even whether it exists
    if (!linked(organisationId, officerSubjectId)) {
      throw new ProblemException(
          OrganisationProblems.NOT_AN_OFFICER,
          "You are not a current officer of organisation " + organisationId + ".",
          Map.of("organisationId", organisationId));
    }
    SubjectView subject = SubjectView.findById(organisationId);
    if (subject == null || !"ORGANISATION".equals(subject.subjectType)) {
      throw new ProblemException(
          ScoringProblems.UNKNOWN_SUBJECT,
          "No file for organisation " + organisationId + " has reached scoring yet",
          Map.of("subjectId", organisationId));
    }
    Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    RatingModel model = models.organisationModel();
    SubjectFileService.OrganisationInputs inputs =
        files.organisationFile(organisationId, EnumSet.allOf(DataCategory.class));
    OrganisationRating rating =
        rater.rate(model, inputs.file(), LocalDate.ofInstant(now, ZoneOffset.UTC));
    return new OwnRating(
        organisationId,
        model,
        rating,
        DisclosureService.organisationReasons(rating.deductions()),
        inputs.disputedRecords(),
        SnapshotHash.of(model.id(), model.version(), rating.snapshot()),
        now);
  }

  private boolean linked(String organisationId, String officerSubjectId) {
    return !em.createNativeQuery(
            "select 1 from officer_link_view where organisation_id = ?1"
                + " and officer_subject_id = ?2 and linked")
        .setParameter(1, organisationId)
        .setParameter(2, officerSubjectId)
        .getResultList()
        .isEmpty();
  }
}

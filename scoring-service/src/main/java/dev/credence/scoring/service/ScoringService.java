package dev.credence.scoring.service;

import dev.credence.common.events.ConsentDirection;
import dev.credence.common.events.DataCategory;
import dev.credence.common.events.Purpose;
import dev.credence.common.identity.IdentifierHasher;
import dev.credence.common.problem.ProblemException;
import dev.credence.common.problem.ProblemTypes;
import dev.credence.scoring.domain.Extraction;
import dev.credence.scoring.domain.OrganisationRater;
import dev.credence.scoring.domain.OrganisationRating;
import dev.credence.scoring.domain.RatingModel;
import dev.credence.scoring.domain.ScoreCalculator;
import dev.credence.scoring.domain.ScoreOutcome;
import dev.credence.scoring.domain.Scorecard;
import dev.credence.scoring.model.ConsentView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The lender's score request, in one transaction: find the subject by keyed hash, pass the consent
 * gate, compute features and score (a person) or the compliance rating and payment index (an
 * organisation), and release (disclosure, inquiry, outbox event). A refusal rolls back, so it
 * leaves no disclosure.
 */
@ApplicationScoped
public class ScoringService {
  private final ScoreCalculator calculator = new ScoreCalculator();
  private final OrganisationRater rater = new OrganisationRater();

  @Inject SubjectDirectory directory;
  @Inject IdentifierHasher hasher;
  @Inject ModelCatalog models;
  @Inject OrganisationModelCatalog organisationModels;
  @Inject ConsentGate consents;
  @Inject SubjectFileService files;
  @Inject DisclosureService disclosures;
  @Inject Clock clock;
  @Inject ShadowScoring shadow;

  @Transactional
  public DisclosureView score(String lenderId, ScoreCommand command) {
    Purpose purpose = command.purpose();
    if (purpose.direction() != ConsentDirection.DISCLOSE) {
      throw new ProblemException(
          ScoringProblems.PURPOSE_NOT_DISCLOSABLE,
          "Purpose "
              + purpose.name()
              + " is a "
              + purpose.direction().name()
              + " purpose; a score can only be disclosed for a DISCLOSE purpose.",
          Map.of("purpose", purpose.name()));
    }
    Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    ResolvedSubject subject = resolveSubject(command);
    String subjectId = subject.subjectId();
    // one consent gate for persons and organisations (an organisation's consent is granted by its
    // officer in consent-service)
    ConsentView consent =
        consents.authorise(subjectId, lenderId, purpose, command.consentId(), now);
    if (subject.organisation()) {
      RatingModel model = organisationModels.organisationModel();
      SubjectFileService.OrganisationInputs inputs =
          files.organisationFile(subjectId, usableCategories(consent));
      OrganisationRating rating =
          rater.rate(model, inputs.file(), LocalDate.ofInstant(now, ZoneOffset.UTC));
      return disclosures.releaseOrganisation(
          lenderId,
          subjectId,
          purpose,
          consent.consentId,
          model,
          rating,
          inputs.disputedRecords(),
          now);
    }
    Scorecard card = models.personModel();
    SubjectFileService.PersonInputs inputs =
        files.personInputs(subjectId, usableCategories(consent), now);
    Extraction extraction = inputs.extraction();
    ScoreOutcome outcome = calculator.evaluate(card, extraction);
    DisclosureView released =
        disclosures.release(
            lenderId,
            subjectId,
            purpose,
            consent.consentId,
            card,
            extraction,
            outcome,
            inputs.disputedRecords(),
            now);
    shadow.observe(released.disclosureId(), subjectId, card, extraction, outcome, now);
    return released;
  }

  record ResolvedSubject(String subjectId, boolean organisation) {}

  private ResolvedSubject resolveSubject(ScoreCommand command) {
    String hash;
    try {
      hash = hasher.hash(command.identifierType(), command.identifier()).hash();
    } catch (IllegalArgumentException e) {
      throw new ProblemException(
          ProblemTypes.VALIDATION_FAILED,
          "subject.identifier: holds no characters once spaces, dots, dashes and slashes are removed",
          Map.of("field", "subject.identifier"));
    }
    SubjectDirectory.Entry found =
        directory
            .find(command.identifierType().name(), hash)
            .orElseThrow(
                // never echo the identifier: it is personal data
                () ->
                    new ProblemException(
                        ScoringProblems.UNKNOWN_SUBJECT,
                        "No enrolled subject matches this " + command.identifierType().name() + ".",
                        Map.of("identifierType", command.identifierType().name())));
    return new ResolvedSubject(found.subjectId(), found.organisation());
  }

  /** The categories the consent lets the score draw on; a consent naming none covers all. */
  static Set<DataCategory> usableCategories(ConsentView consent) {
    if (consent.categories == null || consent.categories.length == 0) {
      return EnumSet.allOf(DataCategory.class);
    }
    return Arrays.stream(consent.categories)
        .flatMap(c -> Arrays.stream(DataCategory.values()).filter(d -> d.name().equals(c)))
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(DataCategory.class)));
  }
}

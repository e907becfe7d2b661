package dev.credence.scoring.service;

import dev.credence.common.events.ConsentDirection;
import dev.credence.common.events.DataCategory;
import dev.credence.common.events.Purpose;
import dev.credence.common.identity.IdentifierHasher;
import dev.credence.common.problem.ProblemException;
import dev.credence.common.problem.ProblemTypes;
import dev.credence.scoring.domain.Extraction;
import dev.credence.scoring.domain.ScoreCalculator;
import dev.credence.scoring.domain.ScoreOutcome;
import dev.credence.scoring.domain.Scorecard;
import dev.credence.scoring.model.ConsentView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The lender's score request, in one transaction: find the subject by keyed hash, pass the consent
 * gate, compute features and score, and release (disclosure, inquiry, outbox event). A refusal
 * rolls back, so it leaves no disclosure.
 */
@ApplicationScoped
public class ScoringService {
  private final ScoreCalculator calculator = new ScoreCalculator();

  @Inject EntityManager em;
  @Inject IdentifierHasher hasher;
  @Inject ModelCatalog models;
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
    String subjectId = resolveSubject(command);
    ConsentView consent =
        consents.authorise(subjectId, lenderId, purpose, command.consentId(), now);
    Scorecard card = models.personModel();
    Extraction extraction = files.extract(subjectId, usableCategories(consent), now);
    ScoreOutcome outcome = calculator.evaluate(card, extraction);
    DisclosureView released =
        disclosures.release(
            lenderId, subjectId, purpose, consent.consentId, card, extraction, outcome, now);
    shadow.observe(released.disclosureId(), subjectId, card, extraction, outcome, now);
    return released;
  }

  private String resolveSubject(ScoreCommand command) {
    String hash;
    try {
      hash = hasher.hash(command.identifierType(), command.identifier()).hash();
    } catch (IllegalArgumentException e) {
      throw new ProblemException(
          ProblemTypes.VALIDATION_FAILED,
          "subject.identifier: holds no characters once spaces, dots, dashes and slashes are removed",
          Map.of("field", "subject.identifier"));
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select i.subject_id, s.subject_type from subject_identifier_view i"
                    + " left join subject_view s on s.subject_id = i.subject_id"
                    + " where i.identifier_type = ?1 and i.identifier_hash = ?2")
            .setParameter(1, command.identifierType().name())
            .setParameter(2, hash)
            .getResultList();
    if (rows.isEmpty()) {
      // never echo the identifier: it is personal data
      throw new ProblemException(
          ScoringProblems.UNKNOWN_SUBJECT,
          "No enrolled subject matches this " + command.identifierType().name() + ".",
          Map.of("identifierType", command.identifierType().name()));
    }
    String subjectId = (String) rows.get(0)[0];
    String subjectType = (String) rows.get(0)[1];
    if ("ORGANISATION".equals(subjectType)) {
      throw new ProblemException(
          ScoringProblems.SUBJECT_TYPE_NOT_SCORED,
          "Subject " + subjectId + " is an organisation; organisation ratings are not served yet.",
          Map.of("subjectId", subjectId));
    }
    return subjectId;
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

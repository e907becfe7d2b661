package dev.credence.scoring.service;

import dev.credence.scoring.domain.Extraction;
import dev.credence.scoring.domain.OrganisationFile;
import dev.credence.scoring.domain.OrganisationRater;
import dev.credence.scoring.domain.OrganisationRating;
import dev.credence.scoring.domain.RatingModel;
import dev.credence.scoring.domain.ScoreCalculator;
import dev.credence.scoring.domain.ScoreOutcome;
import dev.credence.scoring.domain.Scorecard;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Scores each live lender request again with the registry's challenger for the subject's type, on
 * exactly the same inputs (a person's features, an organisation's file and as-of date), and stores
 * both results in {@code shadow_score} (for an organisation the rating is the score and the grade
 * the band). The challenger's result is never disclosed: it is not in the response, the disclosure
 * or any event, and only aggregates leave through the comparison endpoint. A failure here is logged
 * and never affects the live request.
 */
@ApplicationScoped
public class ShadowScoring {
  private static final Logger LOG = Logger.getLogger(ShadowScoring.class);
  private final ScoreCalculator calculator = new ScoreCalculator();
  private final OrganisationRater rater = new OrganisationRater();

  @Inject ModelRegistryService registry;
  @Inject EntityManager em;

  /** Whether a challenger other than {@code champion} scores in shadow now. */
  public boolean active(Scorecard champion) {
    Scorecard challenger = registry.personChallenger();
    return challenger != null && !challenger.key().equals(champion.key());
  }

  /** Whether an organisation challenger other than {@code champion} rates in shadow now. */
  public boolean active(RatingModel champion) {
    RatingModel challenger = registry.organisationChallenger();
    return challenger != null && !challenger.key().equals(champion.key());
  }

  public void observe(
      UUID disclosureId,
      String subjectId,
      RatingModel champion,
      OrganisationFile file,
      LocalDate asOf,
      OrganisationRating rating,
      Instant now) {
    RatingModel challenger = registry.organisationChallenger();
    if (challenger == null || challenger.key().equals(champion.key())) {
      return;
    }
    shadow(
        disclosureId,
        subjectId,
        result(champion, rating),
        challenger.key(),
        () -> result(challenger, rater.rate(challenger, file, asOf)),
        now);
  }

  public void observe(
      UUID disclosureId,
      String subjectId,
      Scorecard champion,
      Extraction extraction,
      ScoreOutcome outcome,
      Instant now) {
    Scorecard challenger = registry.personChallenger();
    if (challenger == null || challenger.key().equals(champion.key())) {
      return;
    }
    shadow(
        disclosureId,
        subjectId,
        result(champion, outcome),
        challenger.key(),
        () -> result(challenger, calculator.evaluate(challenger, extraction)),
        now);
  }

  /** One model's result as {@code shadow_score} keeps it (a rating is a score, a grade a band). */
  private record Result(String key, String outcome, Integer score, String band) {}

  private static Result result(RatingModel model, OrganisationRating r) {
    return new Result(model.key(), r.rated() ? "SCORED" : "NO_SCORE", r.rating(), r.grade());
  }

  private static Result result(Scorecard card, ScoreOutcome o) {
    return o instanceof ScoreOutcome.Scored s
        ? new Result(card.key(), "SCORED", s.result().score(), s.result().band())
        : new Result(card.key(), "NO_SCORE", null, null);
  }

  /** Evaluates the challenger and stores both results; a failure is logged, never thrown. */
  private void shadow(
      UUID disclosureId,
      String subjectId,
      Result champion,
      String challengerKey,
      Supplier<Result> challenger,
      Instant now) {
    try {
      Result shadow = challenger.get();
      // its own transaction: a failed insert cannot mark the live request for rollback
      QuarkusTransaction.requiringNew()
          .run(() -> save(disclosureId, subjectId, champion, shadow, now));
    } catch (RuntimeException e) {
      LOG.warnf(
          "Shadow scoring with %s failed for disclosure %s: %s",
          challengerKey, disclosureId, e.getClass().getSimpleName());
    }
  }

  private void save(
      UUID disclosureId, String subjectId, Result champion, Result challenger, Instant now) {
    em.createNativeQuery(
            "insert into shadow_score (disclosure_id, subject_id, champion_key, champion_outcome,"
                + " champion_score, champion_band, challenger_key, challenger_outcome,"
                + " challenger_score, challenger_band, scored_at)"
                + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")
        .setParameter(1, disclosureId)
        .setParameter(2, subjectId)
        .setParameter(3, champion.key())
        .setParameter(4, champion.outcome())
        .setParameter(5, champion.score())
        .setParameter(6, champion.band())
        .setParameter(7, challenger.key())
        .setParameter(8, challenger.outcome())
        .setParameter(9, challenger.score())
        .setParameter(10, challenger.band())
        .setParameter(11, Timestamp.from(now))
        .executeUpdate();
  }
}

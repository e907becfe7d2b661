package dev.credence.scoring.service;

import dev.credence.scoring.domain.Extraction;
import dev.credence.scoring.domain.ScoreCalculator;
import dev.credence.scoring.domain.ScoreOutcome;
import dev.credence.scoring.domain.Scorecard;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Scores each live person request again with the registry's challenger, on exactly the same
 * features, and stores both results in {@code shadow_score}. The challenger's score is never
 * disclosed: it is not in the response, the disclosure or any event, and only aggregates leave
 * through the comparison endpoint. A failure here is logged and never affects the live request.
 */
@ApplicationScoped
public class ShadowScoring {
  private static final Logger LOG = Logger.getLogger(ShadowScoring.class);
  private final ScoreCalculator calculator = new ScoreCalculator();

  @Inject ModelRegistryService registry;
  @Inject EntityManager em;

  /** Whether a challenger other than {@code champion} scores in shadow now. */
  public boolean active(Scorecard champion) {
    Scorecard challenger = registry.personChallenger();
    return challenger != null && !challenger.key().equals(champion.key());
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
    try {
      ScoreOutcome shadow = calculator.evaluate(challenger, extraction);
      // its own transaction: a failed insert cannot mark the live request for rollback
      QuarkusTransaction.requiringNew()
          .run(() -> save(disclosureId, subjectId, champion, outcome, challenger, shadow, now));
    } catch (RuntimeException e) {
      LOG.warnf(
          "Shadow scoring with %s failed for disclosure %s: %s",
          challenger.key(), disclosureId, e.getClass().getSimpleName());
    }
  }

  private void save(
      UUID disclosureId,
      String subjectId,
      Scorecard champion,
      ScoreOutcome championOutcome,
      Scorecard challenger,
      ScoreOutcome challengerOutcome,
      Instant now) {
    em.createNativeQuery(
            "insert into shadow_score (disclosure_id, subject_id, champion_key, champion_outcome,"
                + " champion_score, champion_band, challenger_key, challenger_outcome,"
                + " challenger_score, challenger_band, scored_at)"
                + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")
        .setParameter(1, disclosureId)
        .setParameter(2, subjectId)
        .setParameter(3, champion.key())
        .setParameter(4, name(championOutcome))
        .setParameter(5, score(championOutcome))
        .setParameter(6, band(championOutcome))
        .setParameter(7, challenger.key())
        .setParameter(8, name(challengerOutcome))
        .setParameter(9, score(challengerOutcome))
        .setParameter(10, band(challengerOutcome))
        .setParameter(11, Timestamp.from(now))
        .executeUpdate();
  }

  private static String name(ScoreOutcome o) {
    return o instanceof ScoreOutcome.Scored ? "SCORED" : "NO_SCORE";
  }

  private static Integer score(ScoreOutcome o) {
    return o instanceof ScoreOutcome.Scored s ? s.result().score() : null;
  }

  private static String band(ScoreOutcome o) {
    return o instanceof ScoreOutcome.Scored s ? s.result().band() : null;
  }
}

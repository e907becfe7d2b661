package dev.credence.scoring.service;

import dev.credence.common.events.DataCategory;
import dev.credence.common.problem.ProblemException;
import dev.credence.scoring.domain.AccountClosing;
import dev.credence.scoring.domain.Extraction;
import dev.credence.scoring.domain.FeatureCatalog;
import dev.credence.scoring.domain.FeatureExtractor;
import dev.credence.scoring.domain.PersonFile;
import dev.credence.scoring.domain.ScoreCalculator;
import dev.credence.scoring.domain.ScoreOutcome;
import dev.credence.scoring.domain.Scorecard;
import dev.credence.scoring.domain.Waiting;
import dev.credence.scoring.domain.WhatIf;
import dev.credence.scoring.model.Inquiry;
import dev.credence.scoring.model.RecordDispute;
import dev.credence.scoring.model.SubjectView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * A person's own score, explained, with a what-if (GDPR Art. 22, CJEU C-634/21 and C-203/22). The
 * subject's own request is not a disclosure to a third party: it writes no disclosure and no
 * inquiry.
 */
@ApplicationScoped
public class SubjectScoreService {
  private final ScoreCalculator calculator = new ScoreCalculator();
  private final FeatureExtractor extractor = new FeatureExtractor();

  @Inject ModelCatalog models;
  @Inject SubjectFileService files;
  @Inject Clock clock;

  public record OwnScore(
      String subjectId,
      Scorecard card,
      Extraction extraction,
      ScoreOutcome outcome,
      WhatIf.Plan whatIf,
      WhatIf.Plan whatIfNow,
      List<RecordDispute.Disputed> disputedRecords,
      Instant computedAt) {}

  @Transactional
  public OwnScore ownScore(String subjectId, int whatIfPoints) {
    if (SubjectView.findById(subjectId) == null) {
      throw new ProblemException(
          ScoringProblems.UNKNOWN_SUBJECT,
          "No file for subject " + subjectId + " has reached scoring yet",
          Map.of("subjectId", subjectId));
    }
    Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    Scorecard card = models.personModel();
    SubjectFileService.PersonInputs inputs =
        files.personInputs(subjectId, EnumSet.allOf(DataCategory.class), now);
    Extraction extraction = inputs.extraction();
    ScoreOutcome outcome = calculator.evaluate(card, extraction);
    WhatIf.Plan plan = null;
    WhatIf.Plan actNow = null;
    if (outcome instanceof ScoreOutcome.Scored scored) {
      int closable =
          AccountClosing.closableWithoutSideEffects(
              card, inputs.file(), extraction.asOf(), extractor);
      plan = WhatIf.plan(scored.result(), whatIfPoints, closable);
      actNow = WhatIf.actNow(scored.result(), whatIfPoints, closable);
      if (plan.changes().stream().anyMatch(c -> c.lever() == FeatureCatalog.Lever.TIME)) {
        SubjectFileService.InquiryWindow window = SubjectFileService.InquiryWindow.at(now);
        PersonFile file = inputs.file();
        PersonFile dated =
            new PersonFile(
                file.tradelines(),
                file.publicRecords(),
                file.altPayments(),
                Inquiry.hardDates(
                    subjectId, window.from(), window.to(), FeatureExtractor.HARD_INQUIRY_CAP));
        plan = Waiting.dated(plan, card, dated, extraction.asOf(), extractor);
      }
    }
    return new OwnScore(
        subjectId,
        card,
        extraction,
        outcome,
        plan,
        actNow,
        RecordDispute.openForSubject(subjectId),
        now);
  }
}

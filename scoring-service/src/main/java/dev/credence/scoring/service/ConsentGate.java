package dev.credence.scoring.service;

import dev.credence.common.events.Purpose;
import dev.credence.common.problem.ProblemException;
import dev.credence.scoring.model.ConsentView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Decides whether a lender may obtain a subject's score: it needs an ACTIVE DISCLOSE consent of the
 * subject for that lender and purpose, valid now (start ≤ now < expiry — time decides, not only
 * events), and with uses left. The consents are read without a lock; a limited consent's use is
 * claimed with one atomic conditional increment ({@code used < usage_limit}) in the release's
 * transaction, so concurrent requests cannot overrun the limit and a rolled-back release gives its
 * use back. An unlimited consent is not locked at all (docs/benchmarks.md: revocation guarantee).
 */
@ApplicationScoped
public class ConsentGate {

  /**
   * The consents that would let this release go ahead, soonest expiry first, from what {@link
   * ConsentView#USABLE_SQL} read (without a lock, claiming nothing). If the first is unlimited it
   * is the one {@link #authorise} would pick; a limited one still has to be claimed by {@link
   * #authorise} in the release's own transaction.
   *
   * @throws ProblemException consent-required when there is none
   */
  public List<ConsentView> candidates(
      List<ConsentView> found, String subjectId, String lenderId, Purpose purpose, UUID consentId) {
    return required(found, subjectId, lenderId, purpose, consentId);
  }

  private static List<ConsentView> required(
      List<ConsentView> found, String subjectId, String lenderId, Purpose purpose, UUID consentId) {
    List<ConsentView> usable =
        found.stream().filter(c -> consentId == null || c.consentId.equals(consentId)).toList();
    if (usable.isEmpty()) {
      Map<String, Object> ext = new LinkedHashMap<>();
      ext.put("subjectId", subjectId);
      ext.put("purpose", purpose.name());
      if (consentId != null) {
        ext.put("consentId", consentId.toString());
      }
      throw new ProblemException(
          ScoringProblems.CONSENT_REQUIRED,
          "No active DISCLOSE consent"
              + (consentId == null ? "" : " " + consentId)
              + " of subject "
              + subjectId
              + " for lender "
              + lenderId
              + ", purpose "
              + purpose.name()
              + ".",
          ext);
    }
    return usable;
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public ConsentView authorise(
      String subjectId, String lenderId, Purpose purpose, UUID consentId, Instant now) {
    List<ConsentView> usable =
        required(
            ConsentView.usable(subjectId, lenderId, purpose.name(), now),
            subjectId,
            lenderId,
            purpose,
            consentId);
    for (ConsentView c : usable) {
      if (c.usageLimit == null || ConsentView.claimUse(c.consentId, now)) {
        return c;
      }
    }
    ConsentView first = usable.get(0);
    throw new ProblemException(
        ScoringProblems.CONSENT_USAGE_EXHAUSTED,
        "Consent "
            + first.consentId
            + " of subject "
            + subjectId
            + " allows "
            + first.usageLimit
            + " disclosure(s) to lender "
            + lenderId
            + " and all have been used.",
        Map.of("subjectId", subjectId, "consentId", first.consentId.toString()));
  }
}

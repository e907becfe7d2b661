package dev.credence.scoring.service;

import dev.credence.common.events.Purpose;
import dev.credence.common.problem.ProblemException;
import dev.credence.scoring.model.ConsentView;
import dev.credence.scoring.model.Disclosure;
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
 * events), and with uses left. The consent row stays locked until the disclosure is written, so
 * concurrent requests cannot overrun a usage limit and a revocation waits for a release in flight.
 */
@ApplicationScoped
public class ConsentGate {

  @Transactional(Transactional.TxType.MANDATORY)
  public ConsentView authorise(
      String subjectId, String lenderId, Purpose purpose, UUID consentId, Instant now) {
    List<ConsentView> usable =
        ConsentView.lockUsable(subjectId, lenderId, purpose.name(), now).stream()
            .filter(c -> consentId == null || c.consentId.equals(consentId))
            .toList();
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
    for (ConsentView c : usable) {
      if (c.usageLimit == null || Disclosure.countForConsent(c.consentId) < c.usageLimit) {
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

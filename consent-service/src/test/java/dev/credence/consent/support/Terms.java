package dev.credence.consent.support;

import dev.credence.common.events.ConsentDirection;
import dev.credence.common.events.DataCategory;
import dev.credence.common.events.Purpose;
import dev.credence.consent.domain.ConsentTerms;
import java.util.Set;

/** Consent terms the tests grant most: demo-lender may see a TRADELINE-based credit score. */
public final class Terms {
  private Terms() {}

  /** DISCLOSE to demo-lender for CREDIT_APPLICATION, TRADELINE only; default dates, no limit. */
  public static ConsentTerms demoLenderCreditApplication() {
    return demoLenderCreditApplication(null);
  }

  /** The same terms with a usage limit (null: none). */
  public static ConsentTerms demoLenderCreditApplication(Integer usageLimit) {
    return new ConsentTerms(
        "demo-lender",
        ConsentDirection.DISCLOSE,
        Purpose.CREDIT_APPLICATION,
        Set.of(DataCategory.TRADELINE),
        null,
        null,
        usageLimit);
  }
}

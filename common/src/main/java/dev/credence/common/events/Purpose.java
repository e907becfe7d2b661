package dev.credence.common.events;

/**
 * The purpose catalogue (FCRA §604 permissible purposes, GDPR purpose limitation). Each purpose
 * belongs to one consent direction; a credit application is a hard inquiry, a review a soft one.
 */
public enum Purpose {
  CREDIT_APPLICATION(ConsentDirection.DISCLOSE, true, "Assess an application for credit"),
  ACCOUNT_REVIEW(ConsentDirection.DISCLOSE, false, "Review an existing credit account"),
  TENANT_SCREENING(ConsentDirection.DISCLOSE, true, "Assess an application to rent a home"),
  FURNISHING(ConsentDirection.COLLECT, false, "Report account and payment data to Credence");

  private final ConsentDirection direction;
  private final boolean hardInquiry;
  private final String text;

  Purpose(ConsentDirection direction, boolean hardInquiry, String text) {
    this.direction = direction;
    this.hardInquiry = hardInquiry;
    this.text = text;
  }

  public ConsentDirection direction() {
    return direction;
  }

  /** True when a disclosure for this purpose is recorded as a hard inquiry. */
  public boolean hardInquiry() {
    return hardInquiry;
  }

  public String text() {
    return text;
  }
}

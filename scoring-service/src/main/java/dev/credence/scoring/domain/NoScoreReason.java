package dev.credence.scoring.domain;

/** Why a file did not meet the minimum scoring (or rating) criteria. */
public enum NoScoreReason {
  NO_TRADELINES("The file has too few tradelines to score"),
  NO_RECENT_ACTIVITY("No tradeline was reported within the recent-activity window"),
  NO_RECENT_TAX_COMPLIANCE(
      "No tax-compliance record covers a period ending within the recent-activity window");

  private final String text;

  NoScoreReason(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }
}

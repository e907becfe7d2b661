package dev.credence.scoring.domain;

import java.time.LocalDate;

/**
 * The fields of a TRADELINE record the features use (Metro 2 base segment). Amounts are in the
 * furnisher's currency unit; only ratios of them are used. Any field but {@code reportedOn} may be
 * null.
 */
public record Tradeline(
    String accountType,
    LocalDate openedOn,
    Double creditLimit,
    Double originalAmount,
    Double currentBalance,
    String accountStatus,
    String paymentHistoryProfile,
    LocalDate dateOfFirstDelinquency,
    LocalDate closedOn,
    LocalDate reportedOn) {

  public Tradeline {
    if (reportedOn == null) {
      throw new IllegalArgumentException("A tradeline needs reportedOn");
    }
  }

  /** The same account, closed on {@code date} (everything else as reported). */
  public Tradeline closedAsOf(LocalDate date) {
    return new Tradeline(
        accountType,
        openedOn,
        creditLimit,
        originalAmount,
        currentBalance,
        accountStatus,
        paymentHistoryProfile,
        dateOfFirstDelinquency,
        date,
        reportedOn);
  }

  public boolean isRevolving() {
    return "REVOLVING".equals(accountType) || "LINE_OF_CREDIT".equals(accountType);
  }

  /** Not closed: no closedOn and a status that is not closed, paid, transferred or written off. */
  public boolean isOpen() {
    return closedOn == null && !AccountStatus.isClosedOrWrittenOff(accountStatus);
  }

  public boolean isDerogatory() {
    return AccountStatus.isDerogatory(accountStatus);
  }
}

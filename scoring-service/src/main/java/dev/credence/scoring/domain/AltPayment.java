package dev.credence.scoring.domain;

import java.time.LocalDate;

/**
 * The fields of an ALT_PAYMENT account (rent, utility, telecom) the features use. The payment
 * history profile has the TRADELINE alphabet, position 1 being the month before the reporting
 * month; any field but {@code reportedOn} may be null.
 */
public record AltPayment(
    String accountType,
    LocalDate openedOn,
    String paymentHistoryProfile,
    LocalDate closedOn,
    LocalDate reportedOn) {

  public AltPayment {
    if (reportedOn == null) {
      throw new IllegalArgumentException("An alternative payment account needs reportedOn");
    }
  }
}

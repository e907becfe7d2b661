package dev.credence.ingestion.domain;

/**
 * Machine-readable reasons for a {@link Outcome#REJECTED} record, in the order they are checked.
 */
public enum ReasonCode {
  UNKNOWN_CATEGORY("The category is not a Credence data category"),
  UNSUPPORTED_CATEGORY("No schema is published for this category yet; see GET /v1/schemas"),
  FURNISHER_NOT_REGISTERED("The furnisher is not registered to report this category"),
  SCHEMA_VIOLATION("The record data does not match the category's schema"),
  FUTURE_DATE(
      "A date of an event the record reports (reportedOn, openedOn, dateOfFirstDelinquency, …) is"
          + " later than today (UTC) plus one day"),
  OBSOLETE(
      "The negative item is past its reporting period under FCRA §605 (it has aged out); nothing"
          + " was stored"),
  INVALID_IDENTIFIER("The subject identifier is empty once normalised"),
  UNKNOWN_SUBJECT(
      "No enrolled subject matches the identifier: a person's file exists only after they enrol"),
  CATEGORY_SUBJECT_MISMATCH("The category does not apply to this subject's type"),
  CONSENT_REQUIRED(
      "No ACTIVE COLLECT consent of the subject for this furnisher and category is in force"),
  CONSENT_STATE_UNAVAILABLE(
      "Consent changes are not proven applied here (consent-service or the broker is behind or"
          + " unreachable), so a revocation may be in flight; nothing was stored: resubmit later"),
  REINSERTION_REFUSED(
      "This record was deleted or suppressed after the subject's dispute (FCRA §611(a)(5)): an"
          + " ordinary update does not reinsert it; nothing was stored"),
  STALE_VERSION(
      "A newer version of this furnisherRecordId is held: a correction must not have an older"
          + " reportedOn than the current version"),
  NOTHING_TO_DELETE(
      "The record asks to delete the account (Metro 2 accountStatus DA or DF), but no version of"
          + " this furnisherRecordId is held; nothing was stored"),
  REAGED_DELINQUENCY(
      "A correction of a negative item may not start its reporting period later than the current"
          + " version does (FCRA §605(c)): keep the earliest date of first delinquency, or report"
          + " the item as no longer negative"),
  DELINQUENCY_DATE_REQUIRED(
      "A negative item must carry the date that starts its reporting period (FCRA §605):"
          + " dateOfFirstDelinquency for a derogatory tradeline or an alternative-payment account"
          + " whose payment history shows a delinquency; nothing was stored"),
  MALFORMED_LINE("The line is not a JSON object"),
  INVALID_ENVELOPE("The record envelope is incomplete or has an unknown field"),
  PROHIBITED_ATTRIBUTE("The record names a prohibited attribute; nothing from it was stored");

  private final String message;

  ReasonCode(String message) {
    this.message = message;
  }

  public String message() {
    return message;
  }
}

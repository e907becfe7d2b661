package dev.credence.common.events;

/** Data categories and the subject type each belongs to. */
public enum DataCategory {
  TRADELINE(SubjectType.PERSON),
  PAYMENT(SubjectType.PERSON),
  INQUIRY(SubjectType.PERSON),
  PUBLIC_RECORD(SubjectType.PERSON),
  ALT_PAYMENT(SubjectType.PERSON),
  INCOME(SubjectType.PERSON),
  TAX_COMPLIANCE(SubjectType.ORGANISATION),
  REGULATORY_PENALTY(SubjectType.ORGANISATION),
  COURT_JUDGMENT(SubjectType.ORGANISATION),
  TRADE_PAYMENT(SubjectType.ORGANISATION);

  private final SubjectType subjectType;

  DataCategory(SubjectType subjectType) {
    this.subjectType = subjectType;
  }

  public SubjectType subjectType() {
    return subjectType;
  }
}

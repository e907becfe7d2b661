package dev.credence.common.events;

/** The life of a dispute over one record. */
public enum DisputeStatus {
  /** Opened by the subject, the furnisher must respond within the dispute window (30 days). */
  OPEN,
  /** The furnisher confirmed the record as reported; it keeps counting. */
  VERIFIED,
  /** The furnisher sent a corrected version; the old one is superseded. */
  CORRECTED,
  /** The furnisher deleted the record. */
  DELETED,
  /** Not verified within the window: the record is suppressed automatically. */
  SUPPRESSED,
  /**
   * The dispute names no active record of its subject (another subject's, unknown, or already
   * superseded or withdrawn): there is nothing to reinvestigate, and no furnisher is named.
   */
  REJECTED
}

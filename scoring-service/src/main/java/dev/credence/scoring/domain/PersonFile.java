package dev.credence.scoring.domain;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

/**
 * What a person's features are computed from. {@code publicRecords} or {@code altPayments} is
 * {@code null} when that category may not be used (the disclosing consent does not cover it): the
 * features drawn from it are then missing, never a misleading zero.
 */
public record PersonFile(
    Collection<Tradeline> tradelines,
    Collection<PublicRecord> publicRecords,
    Collection<AltPayment> altPayments,
    Collection<LocalDate> hardInquiries,
    Long hardInquiriesInWindow) {

  public PersonFile {
    tradelines = tradelines == null ? List.of() : tradelines;
    hardInquiries = hardInquiries == null ? List.of() : hardInquiries;
  }

  /** A file whose hard inquiries are given as dates (counted in the window by the extractor). */
  public PersonFile(
      Collection<Tradeline> tradelines,
      Collection<PublicRecord> publicRecords,
      Collection<AltPayment> altPayments,
      Collection<LocalDate> hardInquiries) {
    this(tradelines, publicRecords, altPayments, hardInquiries, null);
  }

  /**
   * A file whose hard inquiries were already counted in the window (after as-of − 12 months, not
   * after as-of), e.g. by one aggregate query.
   */
  public static PersonFile withInquiryCount(
      Collection<Tradeline> tradelines,
      Collection<PublicRecord> publicRecords,
      Collection<AltPayment> altPayments,
      long hardInquiriesInWindow) {
    return new PersonFile(tradelines, publicRecords, altPayments, List.of(), hardInquiriesInWindow);
  }
}

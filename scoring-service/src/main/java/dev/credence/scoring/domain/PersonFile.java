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
    Collection<LocalDate> hardInquiries) {

  public PersonFile {
    tradelines = tradelines == null ? List.of() : tradelines;
    hardInquiries = hardInquiries == null ? List.of() : hardInquiries;
  }
}

package dev.credence.scoring.domain;

import java.time.LocalDate;
import java.util.Set;

/**
 * The fields of a PUBLIC_RECORD the features use: a bankruptcy, civil judgment or tax lien, filed
 * on a date. {@code reportedOn} is the record's reporting date; any other field may be null.
 */
public record PublicRecord(
    String recordType,
    String status,
    LocalDate filedOn,
    LocalDate resolvedOn,
    LocalDate reportedOn) {
  /** The record types {@code public_records_10y} counts. */
  public static final Set<String> COUNTED_TYPES =
      Set.of("BANKRUPTCY", "CIVIL_JUDGMENT", "TAX_LIEN");

  public PublicRecord {
    if (reportedOn == null) {
      throw new IllegalArgumentException("A public record needs reportedOn");
    }
  }
}

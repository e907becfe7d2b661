package dev.credence.ingestion.service;

import dev.credence.common.events.WithdrawalReason;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Ages out negative items whose retention period has passed (the day is computed at acceptance by
 * {@link dev.credence.ingestion.domain.RetentionPolicy}): {@code AGED_OUT}, content blanked, one
 * {@code record.withdrawn} each. Idempotent: an aged-out record is no longer {@code ACTIVE}.
 */
@ApplicationScoped
public class RetentionService {
  @Inject Withdrawals withdrawals;
  @Inject Clock clock;

  @Transactional
  public int ageOut() {
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    return withdrawals.withdraw(
        withdrawals.find("status = 'ACTIVE' and ages_out_on <= ?1", Date.valueOf(today)),
        WithdrawalReason.AGED_OUT,
        now);
  }
}

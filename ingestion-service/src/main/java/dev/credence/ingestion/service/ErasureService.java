package dev.credence.ingestion.service;

import dev.credence.common.events.ConsentDirection;
import dev.credence.common.events.ConsentStatus;
import dev.credence.common.events.DataCategory;
import dev.credence.common.events.Topics;
import dev.credence.common.events.WithdrawalReason;
import dev.credence.common.messaging.LogTrimmer;
import dev.credence.ingestion.domain.CollectConsent;
import dev.credence.ingestion.domain.ConsentGate;
import dev.credence.ingestion.model.ProjectionStore;
import dev.credence.ingestion.model.RecordStore;
import dev.credence.ingestion.service.Withdrawals.RecordRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Forgets what Credence may no longer hold. When a {@code COLLECT} consent ends (revoked, expired
 * by event, or past its expiry by the clock), that furnisher's consent-bound records of that
 * subject in the consent's categories are erased — unless another in-force {@code COLLECT} consent
 * of the same subject for the same furnisher still covers the category. A subject's erasure request
 * erases all their consent-bound records. Organisation public records have no consent basis and are
 * never erased this way. Erasure leaves a tombstone (see {@link Withdrawals}).
 */
@ApplicationScoped
public class ErasureService {
  private static final Logger LOG = Logger.getLogger(ErasureService.class);

  @Inject EntityManager em;
  @Inject Withdrawals withdrawals;
  @Inject ProjectionStore projection;
  @Inject RecordStore records;
  @Inject Clock clock;
  @Inject Topics topics;
  @Inject LogTrimmer logTrim;

  /**
   * Erases what an ended consent covered, once (the consent is then marked); returns the number of
   * records withdrawn. A consent still in force, or one that never permitted collection (pending,
   * rejected), erases nothing.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public int eraseForEndedConsent(UUID consentId, Instant now) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select subject_id, grantee_id, cast(categories as text), status, expires_at,"
                    + " erased_at from consent_view where consent_id = ?1 and direction = 'COLLECT'"
                    + " for update")
            .setParameter(1, consentId)
            .getResultList();
    if (rows.isEmpty() || rows.get(0)[5] != null) {
      return 0;
    }
    Object[] row = rows.get(0);
    String subjectId = (String) row[0];
    String furnisherId = (String) row[1];
    ConsentStatus status = ConsentStatus.valueOf((String) row[3]);
    Instant expiresAt = DisputeService.instant(row[4]);
    boolean ended =
        status == ConsentStatus.REVOKED
            || status == ConsentStatus.EXPIRED
            || (status == ConsentStatus.ACTIVE && !now.isBefore(expiresAt));
    if (!ended) {
      return 0;
    }
    // Wait for any intake of this furnisher in flight: it may have read the consent as ACTIVE and
    // not committed yet. Without the intake lock its records would land after the select below and
    // stay ACTIVE under a revoked consent, never erased (measured: bench/collect-outage-bench.sh
    // with
    // the guard off left 1 to 2 records a revocation). Intake takes the same lock first and reads
    // the consent after it, so a later intake sees the consent ended.
    records.lockFurnisher(furnisherId);
    Set<DataCategory> categories = parseCategories((String) row[2]);
    List<CollectConsent> others =
        projection
            .collectConsents(List.of(subjectId), furnisherId)
            .getOrDefault(subjectId, List.of());
    categories.removeIf(
        c ->
            others.stream()
                .anyMatch(
                    o ->
                        !o.consentId().equals(consentId)
                            && ConsentGate.permitting(List.of(o), furnisherId, c, now)
                                .isPresent()));
    int erased = 0;
    if (!categories.isEmpty()) {
      List<RecordRef> refs =
          withdrawals.find(
              "subject_id = ?1 and furnisher_id = ?2 and consent_bound and status <> 'ERASED'"
                  + " and category in ("
                  + categories.stream()
                      .map(c -> "'" + c.name() + "'")
                      .collect(Collectors.joining(","))
                  + ")",
              subjectId,
              furnisherId);
      erased = withdrawals.withdraw(refs, WithdrawalReason.ERASED, now);
      // the outbox's published copies of those records' record.accepted events carry their
      // content; the withdrawals just written must still leave
      em.createNativeQuery(
              "delete from outbox_event where message_key = ?1 and published_at is not null"
                  + " and type = 'record.accepted'"
                  + " and payload->'payload'->>'furnisherId' = ?2"
                  + " and payload->'payload'->>'category' = any(?3)")
          .setParameter(1, subjectId)
          .setParameter(2, furnisherId)
          .setParameter(3, categories.stream().map(Enum::name).toArray(String[]::new))
          .executeUpdate();
      if (erased > 0) {
        // and the copies on the records topic: cut off their partition once every reader has them
        logTrim.request(topics.records(), subjectId, now);
      }
    }
    em.createNativeQuery("update consent_view set erased_at = ?2 where consent_id = ?1")
        .setParameter(1, consentId)
        .setParameter(2, Timestamp.from(now))
        .executeUpdate();
    if (erased > 0) {
      LOG.infof("Consent %s ended: %d records erased", consentId, erased);
    }
    return erased;
  }

  /** Every ended COLLECT consent not acted on yet (expiry by the clock needs no event). */
  @Transactional
  public int sweepEndedConsents() {
    Instant now = clock.instant();
    @SuppressWarnings("unchecked")
    List<UUID> ended =
        em.createNativeQuery(
                "select consent_id from consent_view where direction = 'COLLECT'"
                    + " and erased_at is null and (status in ('REVOKED', 'EXPIRED')"
                    + " or (status = 'ACTIVE' and expires_at <= ?1))")
            .setParameter(1, Timestamp.from(now))
            .getResultList();
    int erased = 0;
    for (UUID consentId : ended) {
      erased += eraseForEndedConsent(consentId, now);
    }
    return erased;
  }

  /** A subject's erasure request: all their consent-bound records, of every furnisher. */
  @Transactional(Transactional.TxType.MANDATORY)
  public int eraseSubject(String subjectId, Instant now) {
    List<RecordRef> refs =
        withdrawals.find("subject_id = ?1 and consent_bound and status <> 'ERASED'", subjectId);
    int erased = withdrawals.withdraw(refs, WithdrawalReason.ERASED, now);
    em.createNativeQuery(
            "update dispute set reason = null where subject_id = ?1 and record_id in"
                + " (select id from furnished_record where subject_id = ?1 and status = 'ERASED')")
        .setParameter(1, subjectId)
        .executeUpdate();
    // the outbox's published copies of the subject's events carry the records' content; the
    // unpublished ones (the withdrawals just written among them) must still leave
    int copies =
        em.createNativeQuery(
                "delete from outbox_event where message_key = ?1 and published_at is not null")
            .setParameter(1, subjectId)
            .executeUpdate();
    // and the copies on the records topic: cut off their partition once every reader has them
    logTrim.request(topics.records(), subjectId, now);
    LOG.infof(
        "Erasure request for a subject: %d records erased, %d published event copies deleted",
        erased, copies);
    return erased;
  }

  private static Set<DataCategory> parseCategories(String pgArray) {
    Set<DataCategory> set = EnumSet.noneOf(DataCategory.class);
    String inner = pgArray.replace("{", "").replace("}", "").replace("\"", "");
    for (String name : inner.split(",")) {
      for (DataCategory c : DataCategory.values()) {
        if (c.name().equals(name.strip())) {
          set.add(c);
        }
      }
    }
    return set;
  }

  static boolean isCollect(ConsentDirection d) {
    return d == ConsentDirection.COLLECT;
  }
}

package dev.credence.scoring;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.common.events.ConsentChanged;
import dev.credence.common.events.ConsentDirection;
import dev.credence.common.events.ConsentStatus;
import dev.credence.common.events.DataCategory;
import dev.credence.common.events.DisputeStatus;
import dev.credence.common.events.DisputeUpdated;
import dev.credence.common.events.EventCodec;
import dev.credence.common.events.EventEnvelope;
import dev.credence.common.events.Events;
import dev.credence.common.events.IdentifierType;
import dev.credence.common.events.Purpose;
import dev.credence.common.events.RecordAccepted;
import dev.credence.common.events.RecordWithdrawn;
import dev.credence.common.events.SubjectErasureRequested;
import dev.credence.common.events.SubjectRegistered;
import dev.credence.common.events.SubjectType;
import dev.credence.common.events.WithdrawalReason;
import dev.credence.common.identity.IdentifierHasher;
import dev.credence.scoring.service.ProjectionService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Seeds the projections the way the consumers do (through {@link ProjectionService} with real
 * envelopes) and reads tables back for assertions.
 */
@ApplicationScoped
public class TestData {
  public static final LocalDate TODAY = LocalDate.now(java.time.ZoneOffset.UTC);

  @Inject ProjectionService projections;
  @Inject IdentifierHasher hasher;
  @Inject EntityManager em;

  /** A fresh national id, unique per test. */
  public static String newNationalId() {
    return "NID-" + UUID.randomUUID().toString().substring(0, 13);
  }

  /** Enrols a person with this national id; returns the subject id. */
  public String enrol(String nationalId) {
    return enrol(
        "sub_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20), nationalId);
  }

  /** Enrols a person under a given subject id (for tests whose token names the subject). */
  public String enrol(String subjectId, String nationalId) {
    projections.applyConsentEvent(
        EventCodec.envelope(
            Events.SUBJECT_REGISTERED,
            subjectId,
            "consent-service",
            new SubjectRegistered(
                subjectId,
                SubjectType.PERSON,
                List.of(hasher.hash(IdentifierType.NATIONAL_ID, nationalId)),
                Instant.now()),
            Instant.now()));
    return subjectId;
  }

  /** Registers an organisation with this LEI; returns the subject id. */
  public String registerOrganisation(String lei) {
    String subjectId = "org_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    projections.applyConsentEvent(
        EventCodec.envelope(
            Events.SUBJECT_REGISTERED,
            subjectId,
            "consent-service",
            new SubjectRegistered(
                subjectId,
                SubjectType.ORGANISATION,
                List.of(hasher.hash(IdentifierType.LEI, lei)),
                Instant.now()),
            Instant.now()));
    return subjectId;
  }

  /** An ACTIVE DISCLOSE consent covering every category, valid from yesterday for a year. */
  public UUID grantAll(String subjectId, String lender, Purpose purpose) {
    return consent(
        UUID.randomUUID(),
        1,
        subjectId,
        lender,
        purpose,
        ConsentStatus.ACTIVE,
        Instant.now().minus(1, ChronoUnit.DAYS),
        Instant.now().plus(365, ChronoUnit.DAYS),
        null,
        List.of());
  }

  /** An ACTIVE DISCLOSE consent valid from yesterday for a year; returns its id. */
  public UUID grant(String subjectId, String lender, Purpose purpose) {
    return consent(
        UUID.randomUUID(),
        1,
        subjectId,
        lender,
        purpose,
        ConsentStatus.ACTIVE,
        Instant.now().minus(1, ChronoUnit.DAYS),
        Instant.now().plus(365, ChronoUnit.DAYS),
        null,
        List.of(DataCategory.TRADELINE));
  }

  public UUID consent(
      UUID consentId,
      long sequence,
      String subjectId,
      String lender,
      Purpose purpose,
      ConsentStatus status,
      Instant startsAt,
      Instant expiresAt,
      Integer usageLimit,
      List<DataCategory> categories) {
    projections.applyConsentEvent(
        consentEvent(
            consentId,
            sequence,
            subjectId,
            lender,
            purpose,
            status,
            startsAt,
            expiresAt,
            usageLimit,
            categories));
    return consentId;
  }

  public static EventEnvelope consentEvent(
      UUID consentId,
      long sequence,
      String subjectId,
      String lender,
      Purpose purpose,
      ConsentStatus status,
      Instant startsAt,
      Instant expiresAt,
      Integer usageLimit,
      List<DataCategory> categories) {
    return EventCodec.envelope(
        Events.CONSENT_CHANGED,
        subjectId,
        "consent-service",
        new ConsentChanged(
            consentId,
            sequence,
            subjectId,
            lender,
            purpose.direction() == ConsentDirection.DISCLOSE
                ? ConsentDirection.DISCLOSE
                : ConsentDirection.COLLECT,
            purpose,
            categories,
            status,
            startsAt,
            expiresAt,
            usageLimit,
            Instant.now(),
            null),
        Instant.now());
  }

  /** A current, well-run revolving account reported a few days ago. */
  public static ObjectNode goodTradeline() {
    ObjectNode d = EventCodec.mapper().createObjectNode();
    d.put("accountType", "REVOLVING");
    d.put("openedOn", TODAY.minusYears(9).toString());
    d.put("creditLimit", 5000);
    d.put("currentBalance", 1200);
    d.put("accountStatus", "11");
    d.put("paymentHistoryProfile", "000000000000000000000000");
    d.put("reportedOn", TODAY.minusDays(5).toString());
    return d;
  }

  public static EventEnvelope recordEvent(
      String subjectId, String furnisherRecordId, ObjectNode data, LocalDate reportedOn) {
    return EventCodec.envelope(
        Events.RECORD_ACCEPTED,
        subjectId,
        "ingestion-service",
        new RecordAccepted(
            UUID.randomUUID(),
            subjectId,
            "demo-bank",
            furnisherRecordId,
            DataCategory.TRADELINE,
            reportedOn,
            data),
        Instant.now());
  }

  public void tradeline(String subjectId, ObjectNode data) {
    projections.applyRecordEvent(
        recordEvent(
            subjectId,
            "acct-" + UUID.randomUUID(),
            data,
            LocalDate.parse(data.get("reportedOn").asText())));
  }

  /** A record.accepted of any category with a given record id. */
  public static EventEnvelope recordEvent(
      String subjectId,
      UUID recordId,
      String furnisherRecordId,
      DataCategory category,
      ObjectNode data,
      LocalDate reportedOn) {
    return EventCodec.envelope(
        Events.RECORD_ACCEPTED,
        subjectId,
        "ingestion-service",
        new RecordAccepted(
            recordId, subjectId, "demo-bank", furnisherRecordId, category, reportedOn, data),
        Instant.now());
  }

  /** Accepts a record of any category (reported today unless data says otherwise); its id. */
  public UUID record(String subjectId, DataCategory category, ObjectNode data) {
    UUID recordId = UUID.randomUUID();
    LocalDate reportedOn =
        data.hasNonNull("reportedOn")
            ? LocalDate.parse(data.get("reportedOn").asText())
            : TODAY.minusDays(1);
    projections.applyRecordEvent(
        recordEvent(subjectId, recordId, "rec-" + recordId, category, data, reportedOn));
    return recordId;
  }

  public static EventEnvelope withdrawalEvent(
      String subjectId, UUID recordId, WithdrawalReason reason, UUID replacedBy) {
    return EventCodec.envelope(
        Events.RECORD_WITHDRAWN,
        subjectId,
        "ingestion-service",
        new RecordWithdrawn(
            recordId,
            subjectId,
            "demo-bank",
            "rec-" + recordId,
            DataCategory.TRADELINE,
            reason,
            replacedBy,
            Instant.now()),
        Instant.now());
  }

  public static EventEnvelope disputeEvent(
      UUID disputeId, long sequence, String subjectId, UUID recordId, DisputeStatus status) {
    return EventCodec.envelope(
        Events.DISPUTE_UPDATED,
        subjectId,
        "ingestion-service",
        new DisputeUpdated(
            disputeId, sequence, subjectId, recordId, "demo-bank", status, Instant.now()),
        Instant.now());
  }

  public static EventEnvelope erasureEvent(String subjectId) {
    return EventCodec.envelope(
        Events.SUBJECT_ERASURE_REQUESTED,
        subjectId,
        "consent-service",
        new SubjectErasureRequested(UUID.randomUUID(), subjectId, Instant.now()),
        Instant.now());
  }

  public long count(String sql, Object... params) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              var q = em.createNativeQuery(sql);
              for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
              }
              return ((Number) q.getSingleResult()).longValue();
            });
  }

  @SuppressWarnings("unchecked")
  public List<Object[]> rows(String sql, Object... params) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              var q = em.createNativeQuery(sql);
              for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
              }
              return (List<Object[]>) q.getResultList();
            });
  }

  public int execute(String sql, Object... params) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              var q = em.createNativeQuery(sql);
              for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
              }
              return q.executeUpdate();
            });
  }

  public long disclosures(String subjectId) {
    return count("select count(*) from disclosure where subject_id = ?1", subjectId);
  }
}

package dev.credence.ingestion.support;

import dev.credence.common.events.ConsentChanged;
import dev.credence.common.events.ConsentDirection;
import dev.credence.common.events.ConsentStatus;
import dev.credence.common.events.DataCategory;
import dev.credence.common.events.IdentifierType;
import dev.credence.common.events.Purpose;
import dev.credence.common.events.SubjectType;
import dev.credence.common.identity.IdentifierHasher;
import dev.credence.ingestion.model.ProjectionStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Seeds the consent projection directly (as consent events would) and counts rows, for tests that
 * exercise the REST intake without a broker.
 */
@ApplicationScoped
public class Projections {
  @Inject IdentifierHasher hasher;
  @Inject ProjectionStore store;
  @Inject EntityManager em;

  /** A fresh random national id nobody else in the run uses. */
  public static String newNationalId() {
    return "NI-" + UUID.randomUUID();
  }

  /** Enrols a person with this national id; returns the subject id. */
  public String enrolPerson(String nationalId) {
    return register(SubjectType.PERSON, IdentifierType.NATIONAL_ID, nationalId);
  }

  public String registerOrganisation(String registrationNumber) {
    return register(
        SubjectType.ORGANISATION, IdentifierType.COMPANY_REGISTRATION, registrationNumber);
  }

  private String register(SubjectType type, IdentifierType identifierType, String identifier) {
    String subjectId = "sub-" + UUID.randomUUID();
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                store.upsertSubject(
                    subjectId,
                    type,
                    Instant.now(),
                    List.of(hasher.hash(identifierType, identifier))));
    return subjectId;
  }

  /** An ACTIVE COLLECT consent valid from a day ago for a year; returns its id. */
  public UUID grantCollect(String subjectId, String furnisherId, DataCategory... categories) {
    Instant now = Instant.now();
    return grantCollect(
        subjectId,
        furnisherId,
        now.minus(Duration.ofDays(1)),
        now.plus(Duration.ofDays(365)),
        categories);
  }

  public UUID grantCollect(
      String subjectId,
      String furnisherId,
      Instant startsAt,
      Instant expiresAt,
      DataCategory... categories) {
    UUID consentId = UUID.randomUUID();
    changeConsent(
        consentId,
        1,
        subjectId,
        furnisherId,
        ConsentStatus.ACTIVE,
        startsAt,
        expiresAt,
        categories);
    return consentId;
  }

  public void changeConsent(
      UUID consentId,
      long sequence,
      String subjectId,
      String furnisherId,
      ConsentStatus status,
      Instant startsAt,
      Instant expiresAt,
      DataCategory... categories) {
    ConsentChanged change =
        new ConsentChanged(
            consentId,
            sequence,
            subjectId,
            furnisherId,
            ConsentDirection.COLLECT,
            Purpose.FURNISHING,
            List.of(categories),
            status,
            startsAt,
            expiresAt,
            null,
            Instant.now(),
            null);
    QuarkusTransaction.requiringNew().run(() -> store.upsertConsent(change));
  }

  /** Rows of a table (whole table; compare before/after). */
  public long count(String table) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((Number) em.createNativeQuery("select count(*) from " + table).getSingleResult())
                    .longValue());
  }

  /** A single value from a native query with positional parameters. */
  public Object single(String sql, Object... params) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              List<?> rows = nativeQuery(sql, params).getResultList();
              return rows.isEmpty() ? null : rows.get(0);
            });
  }

  private jakarta.persistence.Query nativeQuery(String sql, Object... params) {
    var query = em.createNativeQuery(sql);
    for (int i = 0; i < params.length; i++) {
      query.setParameter(i + 1, params[i]);
    }
    return query;
  }

  /**
   * Outbox rows a test's own writes could have added. Dispute steps are left out: the modules'
   * tests share the {@code .test} topics, so a {@code dispute.opened} published by
   * consent-service's tests can reach this instance at any moment, and ingestion answers it ({@code
   * REJECTED}, the record is not held here) with an outbox row of its own.
   */
  public long outboxRows() {
    return countWhere("select count(*) from outbox_event where type <> 'dispute.updated'");
  }

  /** Runs a native statement with positional parameters in its own transaction. */
  public int execute(String sql, Object... params) {
    return QuarkusTransaction.requiringNew().call(() -> nativeQuery(sql, params).executeUpdate());
  }

  public long countWhere(String sql, Object... params) {
    return ((Number) single(sql, params)).longValue();
  }

  /** All rows of a native query with positional parameters. */
  @SuppressWarnings("unchecked")
  public List<Object> rows(String sql, Object... params) {
    return QuarkusTransaction.requiringNew()
        .call(() -> (List<Object>) nativeQuery(sql, params).getResultList());
  }

  /** The queued events about a record (payload.recordId), in publication order. */
  public List<com.fasterxml.jackson.databind.JsonNode> eventsAbout(String recordId) {
    return rows(
            "select cast(payload as text) from outbox_event"
                + " where payload -> 'payload' ->> 'recordId' = ?1 order by created_at, id",
            recordId)
        .stream()
        .map(
            json -> {
              try {
                return Requests.JSON.readTree((String) json);
              } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }

  /** The status of a stored record version. */
  public String status(String recordId) {
    return (String)
        single("select status from furnished_record where id = ?1", UUID.fromString(recordId));
  }

  /** A consent.changed envelope as consent-service would publish it. */
  public static dev.credence.common.events.EventEnvelope consentChanged(
      UUID consentId,
      long sequence,
      String subjectId,
      String furnisherId,
      ConsentStatus status,
      Instant startsAt,
      Instant expiresAt,
      DataCategory... categories) {
    return dev.credence.common.events.EventCodec.envelope(
        dev.credence.common.events.Events.CONSENT_CHANGED,
        subjectId,
        "consent-service",
        new ConsentChanged(
            consentId,
            sequence,
            subjectId,
            furnisherId,
            ConsentDirection.COLLECT,
            Purpose.FURNISHING,
            List.of(categories),
            status,
            startsAt,
            expiresAt,
            null,
            Instant.now(),
            null),
        Instant.now());
  }
}

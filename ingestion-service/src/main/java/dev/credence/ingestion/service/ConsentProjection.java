package dev.credence.ingestion.service;

import dev.credence.common.events.ConsentChanged;
import dev.credence.common.events.DisputeOpened;
import dev.credence.common.events.EventCodec;
import dev.credence.common.events.EventEnvelope;
import dev.credence.common.events.Events;
import dev.credence.common.events.IdentifierHash;
import dev.credence.common.events.PoisonEventException;
import dev.credence.common.events.SubjectErasureRequested;
import dev.credence.common.events.SubjectRegistered;
import dev.credence.common.outbox.ProcessedEvents;
import dev.credence.ingestion.model.ProjectionStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Applies consent-service events to the local projection, each in one transaction with its
 * processed-event mark, so a redelivered event has no second effect. Unknown event types are
 * skipped (forward compatible); events that can never be applied are poison.
 */
@ApplicationScoped
public class ConsentProjection {
  public static final String CONSUMER = "ingestion.consent-events";
  private static final Logger LOG = Logger.getLogger(ConsentProjection.class);

  @Inject ProcessedEvents processed;
  @Inject ProjectionStore store;
  @Inject ErasureService erasure;
  @Inject DisputeService disputes;
  @Inject Clock clock;

  /** True when the event had an effect (false: seen before, or a type this service ignores). */
  @Transactional
  public boolean apply(EventEnvelope event) {
    if (Events.SUBJECT_REGISTERED.name().equals(event.type())) {
      SubjectRegistered subject = EventCodec.payload(event, Events.SUBJECT_REGISTERED);
      check(subject);
      if (!processed.markIfNew(CONSUMER, event.eventId())) {
        return false;
      }
      store.upsertSubject(
          subject.subjectId(),
          subject.subjectType(),
          subject.registeredAt() != null ? subject.registeredAt() : event.occurredAt(),
          subject.identifiers() == null ? List.of() : subject.identifiers());
      return true;
    }
    if (Events.CONSENT_CHANGED.name().equals(event.type())) {
      ConsentChanged consent = EventCodec.payload(event, Events.CONSENT_CHANGED);
      check(consent);
      if (!processed.markIfNew(CONSUMER, event.eventId())) {
        return false;
      }
      boolean changed = store.upsertConsent(consent);
      if (changed) {
        // A revoked or expired COLLECT consent erases what it covered, in this transaction.
        erasure.eraseForEndedConsent(consent.consentId(), clock.instant());
      } else {
        LOG.debugf(
            "Consent %s sequence %d is not newer than the projection; ignored",
            consent.consentId(), consent.sequence());
      }
      return true;
    }
    if (Events.DISPUTE_OPENED.name().equals(event.type())) {
      DisputeOpened dispute = EventCodec.payload(event, Events.DISPUTE_OPENED);
      if (dispute.disputeId() == null
          || dispute.recordId() == null
          || dispute.subjectId() == null) {
        throw new PoisonEventException("dispute.opened lacks disputeId, recordId or subjectId");
      }
      if (!processed.markIfNew(CONSUMER, event.eventId())) {
        return false;
      }
      disputes.open(dispute, clock.instant());
      return true;
    }
    if (Events.SUBJECT_ERASURE_REQUESTED.name().equals(event.type())) {
      SubjectErasureRequested request = EventCodec.payload(event, Events.SUBJECT_ERASURE_REQUESTED);
      if (request.subjectId() == null) {
        throw new PoisonEventException("subject.erasure-requested lacks subjectId");
      }
      if (!processed.markIfNew(CONSUMER, event.eventId())) {
        return false;
      }
      erasure.eraseSubject(request.subjectId(), clock.instant());
      return true;
    }
    LOG.debugf("Ignoring event %s of type %s", event.eventId(), event.type());
    return false;
  }

  private static void check(SubjectRegistered s) {
    if (s.subjectId() == null || s.subjectType() == null) {
      throw new PoisonEventException("subject.registered lacks subjectId or subjectType");
    }
    if (s.identifiers() != null) {
      for (IdentifierHash identifier : s.identifiers()) {
        if (identifier == null || identifier.type() == null || identifier.hash() == null) {
          throw new PoisonEventException("subject.registered has an incomplete identifier");
        }
      }
    }
  }

  private static void check(ConsentChanged c) {
    if (c.consentId() == null
        || c.subjectId() == null
        || c.granteeId() == null
        || c.direction() == null
        || c.purpose() == null
        || c.categories() == null
        || c.status() == null
        || c.startsAt() == null
        || c.expiresAt() == null) {
      throw new PoisonEventException("consent.changed lacks a required field");
    }
  }
}

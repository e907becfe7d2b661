package dev.credence.consent.service;

import dev.credence.common.events.EventCodec;
import dev.credence.common.events.EventEnvelope;
import dev.credence.common.events.Events;
import dev.credence.common.events.SubjectErasureRequested;
import dev.credence.common.events.Topics;
import dev.credence.common.messaging.LogTrimmer;
import dev.credence.common.outbox.Outbox;
import dev.credence.common.problem.ProblemException;
import dev.credence.consent.model.ErasureRequest;
import dev.credence.consent.model.Subject;
import dev.credence.consent.model.SubjectIdentifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The erasure workflow (GDPR Art. 17): in one transaction consent-service ends the subject's
 * consents, erases the identifier hashes and the login link, marks the subject erased and tells the
 * other services ({@code subject.erasure-requested}); what the law makes it keep stays.
 */
@ApplicationScoped
public class ErasureService {
  @Inject ConsentService consents;
  @Inject Outbox outbox;
  @Inject EntityManager em;
  @Inject Topics topics;
  @Inject Clock clock;
  @Inject LogTrimmer logTrim;

  public record Outcome(ErasureRequest request, boolean created) {}

  /** Idempotent: a subject already erased gets its existing request back. */
  @Transactional
  public Outcome request(String subjectId, String actor) {
    Subject subject = Subject.findById(subjectId, LockModeType.PESSIMISTIC_WRITE);
    if (subject == null) {
      throw new ProblemException(ConsentProblems.NOT_ENROLLED, "The caller has not enrolled");
    }
    if (subject.erasedAt != null) {
      List<ErasureRequest> earlier = ErasureRequest.ofSubject(subjectId);
      if (!earlier.isEmpty()) {
        return new Outcome(earlier.get(0), false);
      }
    }
    Instant now = clock.instant();
    ConsentService.Ended ended = consents.endAllForErasure(subjectId, actor);
    long identifiers = SubjectIdentifier.delete("subjectId", subjectId);
    subject.keycloakSub = null;
    subject.erasedAt = now;

    ErasureRequest request = new ErasureRequest();
    request.id = UUID.randomUUID();
    request.subjectId = subjectId;
    request.requestedAt = now;
    request.requestedBy = actor;
    request.status = ErasureRequest.ACCEPTED;
    request.consentsRevoked = ended.revoked();
    request.requestsRejected = ended.rejected();
    request.identifiersErased = (int) identifiers;
    request.persist();

    EventEnvelope event =
        EventCodec.envelope(
            Events.SUBJECT_ERASURE_REQUESTED,
            subjectId,
            SubjectService.PRODUCER,
            new SubjectErasureRequested(request.id, subjectId, now),
            now);
    outbox.append(topics.consent(), event);
    // replaces the subject's registration (with its identifier hashes) on the compacted topic
    outbox.append(topics.consentState(), "subject:" + subjectId, event);
    // the outbox's published copies of the subject's events (its registration carried the
    // identifier hashes just deleted); what is not yet published, this request's events among
    // them, must still leave
    em.createNativeQuery(
            "delete from outbox_event where message_key in (?1, ?2) and published_at is not null")
        .setParameter(1, subjectId)
        .setParameter(2, "subject:" + subjectId)
        .executeUpdate();
    // and the copies on the consent topic: cut off its partition once every reader has read them
    logTrim.request(topics.consent(), subjectId, now);
    return new Outcome(request, true);
  }

  public List<ErasureRequest> ofSubject(String subjectId) {
    return ErasureRequest.ofSubject(subjectId);
  }
}

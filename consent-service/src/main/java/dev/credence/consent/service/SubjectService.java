package dev.credence.consent.service;

import dev.credence.common.events.EventCodec;
import dev.credence.common.events.EventEnvelope;
import dev.credence.common.events.Events;
import dev.credence.common.events.IdentifierHash;
import dev.credence.common.events.IdentifierType;
import dev.credence.common.events.SubjectRegistered;
import dev.credence.common.events.SubjectType;
import dev.credence.common.events.Topics;
import dev.credence.common.identity.IdentifierHasher;
import dev.credence.common.outbox.Outbox;
import dev.credence.common.problem.ProblemException;
import dev.credence.consent.model.Subject;
import dev.credence.consent.model.SubjectIdentifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Enrolment of persons: consent comes first, so a person's file starts here. */
@ApplicationScoped
public class SubjectService {
  public static final String PRODUCER = "consent-service";

  @Inject IdentifierHasher hasher;
  @Inject Outbox outbox;
  @Inject Topics topics;
  @Inject Clock clock;

  public record Enrolment(Subject subject, List<SubjectIdentifier> identifiers, boolean created) {}

  /**
   * Enrols the person (idempotent). A national id, when given, is stored only as a keyed hash and
   * announced to the other services as such.
   */
  @Transactional
  public Enrolment enrolPerson(String subjectId, String keycloakSub, String nationalId) {
    Instant now = clock.instant();
    Subject subject = Subject.findById(subjectId, LockModeType.PESSIMISTIC_WRITE);
    boolean created = subject == null;
    boolean changed = created;
    if (subject != null && subject.erasedAt != null) {
      throw erased(subjectId);
    }
    if (created) {
      subject = new Subject();
      subject.id = subjectId;
      subject.subjectType = SubjectType.PERSON;
      subject.enrolledAt = now;
      subject.keycloakSub = keycloakSub;
      subject.persist();
    }
    if (nationalId != null && !nationalId.isBlank()) {
      IdentifierHash hash = hasher.hash(IdentifierType.NATIONAL_ID, nationalId);
      SubjectIdentifier.Key key = new SubjectIdentifier.Key(hash.type(), hash.hash());
      SubjectIdentifier existing = SubjectIdentifier.findById(key);
      if (existing != null && !existing.subjectId.equals(subjectId)) {
        throw new ProblemException(
            ConsentProblems.IDENTIFIER_CONFLICT,
            "This national id is already enrolled by another subject; contact support");
      }
      boolean hasOtherNationalId =
          SubjectIdentifier.ofSubject(subjectId).stream()
              .anyMatch(i -> i.key.type() == IdentifierType.NATIONAL_ID && !i.key.equals(key));
      if (hasOtherNationalId) {
        throw new ProblemException(
            ConsentProblems.IDENTIFIER_CONFLICT,
            "A different national id is already enrolled for this subject");
      }
      if (existing == null) {
        SubjectIdentifier identifier = new SubjectIdentifier();
        identifier.key = key;
        identifier.subjectId = subjectId;
        identifier.persist();
        changed = true;
      }
    }
    List<SubjectIdentifier> identifiers = SubjectIdentifier.ofSubject(subjectId);
    if (changed) {
      announce(subject, identifiers, now);
    }
    return new Enrolment(subject, identifiers, created);
  }

  /**
   * Publishes the subject with the keyed hashes of its identifiers (never the values) on the
   * consent topic and, keyed by subject, on the compacted state topic.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void announce(Subject subject, List<SubjectIdentifier> identifiers, Instant now) {
    SubjectRegistered payload =
        new SubjectRegistered(
            subject.id,
            subject.subjectType,
            identifiers.stream().map(i -> new IdentifierHash(i.key.type(), i.key.hash())).toList(),
            subject.enrolledAt);
    EventEnvelope event =
        EventCodec.envelope(Events.SUBJECT_REGISTERED, subject.id, PRODUCER, payload, now);
    outbox.append(topics.consent(), event);
    outbox.append(topics.consentState(), "subject:" + subject.id, event);
  }

  /** The subject, enrolled (or registered) and not erased; otherwise a 409 problem. */
  public Subject requireActive(String subjectId) {
    Subject subject = Subject.findById(subjectId);
    if (subject == null) {
      throw new ProblemException(ConsentProblems.NOT_ENROLLED, "Enrol first (PUT /v1/subjects/me)");
    }
    if (subject.erasedAt != null) {
      throw erased(subjectId);
    }
    return subject;
  }

  static ProblemException erased(String subjectId) {
    return new ProblemException(
        ConsentProblems.SUBJECT_ERASED,
        "Subject "
            + subjectId
            + " asked for erasure: it takes no new enrolment or consent (a new account starts a"
            + " new file)");
  }

  public Optional<Subject> find(String subjectId) {
    return Optional.ofNullable(Subject.findById(subjectId));
  }

  /** The subject a client knows by an identifier, if enrolled. */
  public Optional<Subject> findByIdentifier(IdentifierType type, String identifier) {
    IdentifierHash hash = hasher.hash(type, identifier);
    SubjectIdentifier found =
        SubjectIdentifier.findById(new SubjectIdentifier.Key(hash.type(), hash.hash()));
    return found == null
        ? Optional.empty()
        : Optional.ofNullable(Subject.findById(found.subjectId));
  }
}

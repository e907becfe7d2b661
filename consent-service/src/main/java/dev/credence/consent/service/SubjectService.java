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
import jakarta.persistence.EntityManager;
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
  @Inject EntityManager em;

  public record Enrolment(Subject subject, List<SubjectIdentifier> identifiers, boolean created) {}

  /**
   * Enrols the person (idempotent). A national id, when given, is stored only as a keyed hash and
   * announced to the other services as such.
   *
   * <p>Safe under concurrency without check-then-insert: the subject row is claimed with {@code
   * insert … on conflict do nothing} (a second simultaneous enrolment waits for the first, finds
   * the row and answers 200), then locked, so one subject's identifier changes are serialised; the
   * national id is claimed the same way, so two subjects stating the same id at once get one 201
   * and one 409 {@code identifier-conflict}. Locking the row before it existed (as this did) locked
   * nothing, and the loser of either race hit the primary key: a 500.
   */
  @Transactional
  public Enrolment enrolPerson(String subjectId, String keycloakSub, String nationalId) {
    Instant now = clock.instant();
    boolean created =
        em.createNativeQuery(
                    "insert into subject (id, subject_type, enrolled_at, keycloak_sub)"
                        + " values (?1, ?2, ?3, ?4) on conflict (id) do nothing")
                .setParameter(1, subjectId)
                .setParameter(2, SubjectType.PERSON.name())
                .setParameter(3, now)
                .setParameter(4, keycloakSub)
                .executeUpdate()
            == 1;
    Subject subject = Subject.findById(subjectId, LockModeType.PESSIMISTIC_WRITE);
    if (subject.erasedAt != null) {
      throw erased(subjectId);
    }
    boolean changed = created;
    if (nationalId != null && !nationalId.isBlank()) {
      IdentifierHash hash = hasher.hash(IdentifierType.NATIONAL_ID, nationalId);
      SubjectIdentifier.Key key = new SubjectIdentifier.Key(hash.type(), hash.hash());
      boolean hasOtherNationalId =
          SubjectIdentifier.ofSubject(subjectId).stream()
              .anyMatch(i -> i.key.type() == IdentifierType.NATIONAL_ID && !i.key.equals(key));
      if (hasOtherNationalId) {
        throw new ProblemException(
            ConsentProblems.IDENTIFIER_CONFLICT,
            "A different national id is already enrolled for this subject");
      }
      // waits for a concurrent claim of the same hash to commit or roll back
      boolean claimed =
          em.createNativeQuery(
                      "insert into subject_identifier (identifier_type, identifier_hash,"
                          + " subject_id) values (?1, ?2, ?3) on conflict do nothing")
                  .setParameter(1, key.type().name())
                  .setParameter(2, key.hash())
                  .setParameter(3, subjectId)
                  .executeUpdate()
              == 1;
      if (!claimed) {
        String holder =
            (String)
                em.createNativeQuery(
                        "select subject_id from subject_identifier"
                            + " where identifier_type = ?1 and identifier_hash = ?2")
                    .setParameter(1, key.type().name())
                    .setParameter(2, key.hash())
                    .getSingleResult();
        if (!holder.equals(subjectId)) {
          throw new ProblemException(
              ConsentProblems.IDENTIFIER_CONFLICT,
              "This national id is already enrolled by another subject; contact support");
        }
      }
      changed |= claimed;
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
    return active(subjectId, Subject.findById(subjectId));
  }

  /**
   * {@link #requireActive}, holding the subject row for share until the caller's transaction ends:
   * for a use case that creates a consent. An erasure (which takes the row for update) then waits
   * for the grant or the lender's request to commit and ends it too, or the grant waits for the
   * erasure and is refused. Read without a lock, a grant racing an erasure left an ACTIVE consent
   * on an erased subject.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Subject holdActive(String subjectId) {
    return active(subjectId, Subject.findById(subjectId, LockModeType.PESSIMISTIC_READ));
  }

  private Subject active(String subjectId, Subject subject) {
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

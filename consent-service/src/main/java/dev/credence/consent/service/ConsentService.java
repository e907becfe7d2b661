package dev.credence.consent.service;

import dev.credence.common.events.ConsentChanged;
import dev.credence.common.events.ConsentDirection;
import dev.credence.common.events.ConsentStatus;
import dev.credence.common.events.EventCodec;
import dev.credence.common.events.EventEnvelope;
import dev.credence.common.events.Events;
import dev.credence.common.events.IdentifierType;
import dev.credence.common.events.Topics;
import dev.credence.common.outbox.Outbox;
import dev.credence.common.problem.ProblemException;
import dev.credence.consent.domain.ConsentStateMachine;
import dev.credence.consent.domain.ConsentTerms;
import dev.credence.consent.model.Consent;
import dev.credence.consent.model.ConsentHistoryEntry;
import dev.credence.consent.model.ConsentReceipt;
import dev.credence.consent.model.Subject;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Granting, requesting, approving, rejecting, revoking and expiring consents. */
@ApplicationScoped
public class ConsentService {
  private static final Logger LOG = Logger.getLogger(ConsentService.class);

  @Inject Outbox outbox;
  @Inject Topics topics;
  @Inject Clock clock;
  @Inject SubjectService subjects;
  @Inject ReceiptService receipts;
  @Inject GranteeService grantees;

  /** Filters for listing a subject's consents; null means "any". */
  public record Filter(ConsentStatus status, ConsentDirection direction, String granteeId) {}

  /** The subject grants a consent directly: it is ACTIVE at once. */
  @Transactional
  public Consent grant(String subjectId, ConsentTerms terms, String actor) {
    Subject subject = enrolled(subjectId);
    ConsentTerms complete = withDefaults(terms);
    validate(complete, subject);
    Consent consent = newConsent(subjectId, complete, null, ConsentStatus.ACTIVE);
    changeStatus(consent, null, ConsentStatus.ACTIVE, actor, "granted by the subject");
    return consent;
  }

  /** A lender asks for a consent; it stays PENDING until the subject approves or rejects it. */
  @Transactional
  public Consent request(
      String lenderId, IdentifierType identifierType, String identifier, ConsentTerms terms) {
    if (grantees.refusal(lenderId, ConsentDirection.DISCLOSE).isPresent()) {
      // before the subject is looked up: an unregistered client learns nothing about who is
      // enrolled
      throw new ProblemException(
          ConsentProblems.LENDER_NOT_REGISTERED,
          "This client is not registered with Credence as a lender; an operator registers it"
              + " (PUT /v1/grantees/{clientId}) before it may ask for consent");
    }
    Subject subject =
        subjects
            .findByIdentifier(identifierType, identifier)
            .orElseThrow(
                () ->
                    new ProblemException(
                        ConsentProblems.UNKNOWN_SUBJECT,
                        "No enrolled subject matches that identifier"));
    subjects.holdActive(subject.id);
    ConsentTerms complete =
        withDefaults(
            new ConsentTerms(
                lenderId,
                ConsentDirection.DISCLOSE,
                terms.purpose(),
                terms.categories(),
                terms.startsAt(),
                terms.expiresAt(),
                terms.usageLimit()));
    validate(complete, subject);
    Consent consent = newConsent(subject.id, complete, lenderId, ConsentStatus.PENDING);
    changeStatus(consent, null, ConsentStatus.PENDING, lenderId, "requested by " + lenderId);
    return consent;
  }

  @Transactional
  public Consent approve(String subjectId, UUID consentId, String actor) {
    Consent pending = ownConsent(subjectId, consentId);
    Optional<String> refusal = grantees.refusal(pending.granteeId, pending.direction);
    if (refusal.isPresent()) {
      // a request made before the registry, by a client no operator has registered since
      throw new ProblemException(
          ConsentProblems.INVALID_TERMS,
          "granteeId: " + refusal.get(),
          Map.of("errors", List.of(Map.of("field", "granteeId", "message", refusal.get()))));
    }
    return transition(subjectId, consentId, ConsentStatus.ACTIVE, actor, "approved by the subject");
  }

  @Transactional
  public Consent reject(String subjectId, UUID consentId, String actor, String reason) {
    return transition(
        subjectId,
        consentId,
        ConsentStatus.REJECTED,
        actor,
        reasonOr(reason, "rejected by the subject"));
  }

  /** Revocation takes one call and is immediate (GDPR Art. 7(3)). */
  @Transactional
  public Consent revoke(String subjectId, UUID consentId, String actor, String reason) {
    return transition(
        subjectId,
        consentId,
        ConsentStatus.REVOKED,
        actor,
        reasonOr(reason, "revoked by the subject"));
  }

  /** Outcome of ending a subject's consents for an erasure request. */
  public record Ended(int revoked, int rejected) {}

  /**
   * Ends every consent of the subject for an erasure request: ACTIVE ones are revoked and PENDING
   * requests rejected, both with the reason {@value #ERASURE_REASON}; each with its history entry,
   * receipt and event as always.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Ended endAllForErasure(String subjectId, String actor) {
    int revoked = 0;
    int rejected = 0;
    List<Consent> all =
        Consent.find(
                "subjectId = ?1 and status in (?2, ?3)",
                subjectId,
                ConsentStatus.ACTIVE,
                ConsentStatus.PENDING)
            .withLock(LockModeType.PESSIMISTIC_WRITE)
            .list();
    Instant now = clock.instant();
    for (Consent consent : all) {
      ConsentStatus current = consent.effectiveStatus(now);
      if (current == ConsentStatus.EXPIRED) {
        changeStatus(consent, consent.status, ConsentStatus.EXPIRED, "system", "expired");
      } else if (current == ConsentStatus.ACTIVE) {
        changeStatus(consent, current, ConsentStatus.REVOKED, actor, ERASURE_REASON);
        revoked++;
      } else if (current == ConsentStatus.PENDING) {
        changeStatus(consent, current, ConsentStatus.REJECTED, actor, ERASURE_REASON);
        rejected++;
      }
    }
    return new Ended(revoked, rejected);
  }

  public static final String ERASURE_REASON = "ERASURE_REQUESTED";

  /** Auditor: consents of a subject and/or a grantee, any owner. */
  public List<Consent> listForAudit(String subjectId, String granteeId, Filter filter) {
    List<Consent> all;
    if (subjectId != null && granteeId != null) {
      all =
          Consent.list(
              "subjectId = ?1 and granteeId = ?2 order by createdAt desc", subjectId, granteeId);
    } else if (subjectId != null) {
      all = Consent.list("subjectId = ?1 order by createdAt desc", subjectId);
    } else {
      all = Consent.list("granteeId = ?1 order by createdAt desc", granteeId);
    }
    return filtered(all, filter);
  }

  /** Auditor: any consent by id. */
  public Consent anyConsent(UUID consentId) {
    Consent consent = Consent.findById(consentId);
    if (consent == null) {
      throw notFound(consentId);
    }
    return consent;
  }

  /**
   * Diagnostics: the consents in force now (expiry by time) of a subject for a grantee, direction,
   * purpose and (if given) data category.
   */
  public List<Consent> inForceFor(
      String subjectId,
      String granteeId,
      ConsentDirection direction,
      dev.credence.common.events.Purpose purpose,
      dev.credence.common.events.DataCategory category) {
    return inForce(subjectId, granteeId, direction).stream()
        .filter(c -> purpose == null || c.purpose == purpose)
        .filter(c -> category == null || c.categorySet().contains(category))
        .toList();
  }

  /** Marks every consent past its expiry as EXPIRED (reads already report it so). */
  @Transactional
  public int expireDue() {
    Instant now = clock.instant();
    List<Consent> due =
        Consent.find(
                "status in (?1, ?2) and expiresAt <= ?3",
                ConsentStatus.ACTIVE,
                ConsentStatus.PENDING,
                now)
            .withLock(LockModeType.PESSIMISTIC_WRITE)
            .page(0, 500)
            .list();
    for (Consent consent : due) {
      changeStatus(consent, consent.status, ConsentStatus.EXPIRED, "system", "expired");
    }
    if (!due.isEmpty()) {
      LOG.infof("Expired %d consents", due.size());
    }
    return due.size();
  }

  public List<Consent> listForSubject(String subjectId, Filter filter) {
    List<Consent> all = Consent.list("subjectId = ?1 order by createdAt desc", subjectId);
    return filtered(all, filter);
  }

  public List<Consent> listRequestedBy(String lenderId, Filter filter) {
    List<Consent> all = Consent.list("requestedBy = ?1 order by createdAt desc", lenderId);
    return filtered(all, filter);
  }

  public Consent ownConsent(String subjectId, UUID consentId) {
    Consent consent = Consent.findById(consentId);
    if (consent == null || !consent.subjectId.equals(subjectId)) {
      throw notFound(consentId);
    }
    return consent;
  }

  public Consent requestedConsent(String lenderId, UUID consentId) {
    Consent consent = Consent.findById(consentId);
    if (consent == null || !lenderId.equals(consent.requestedBy)) {
      throw notFound(consentId);
    }
    return consent;
  }

  public List<ConsentHistoryEntry> history(UUID consentId) {
    return ConsentHistoryEntry.of(consentId);
  }

  /** Diagnostics: the consents of a subject for a grantee and direction in force now. */
  public List<Consent> inForce(String subjectId, String granteeId, ConsentDirection direction) {
    Instant now = clock.instant();
    return Consent.<Consent>list(
            "subjectId = :s and granteeId = :g and direction = :d",
            Parameters.with("s", subjectId).and("g", granteeId).and("d", direction))
        .stream()
        .filter(c -> ConsentStateMachine.inForce(c.status, c.startsAt, c.expiresAt, now))
        .toList();
  }

  public Instant now() {
    return clock.instant();
  }

  private Consent transition(
      String subjectId, UUID consentId, ConsentStatus to, String actor, String reason) {
    Consent consent = Consent.findById(consentId, LockModeType.PESSIMISTIC_WRITE);
    if (consent == null || !consent.subjectId.equals(subjectId)) {
      throw notFound(consentId);
    }
    Instant now = clock.instant();
    ConsentStatus current = consent.effectiveStatus(now);
    if (current == ConsentStatus.EXPIRED && consent.status != ConsentStatus.EXPIRED) {
      changeStatus(consent, consent.status, ConsentStatus.EXPIRED, "system", "expired");
    }
    if (current == to && to == ConsentStatus.REVOKED) {
      return consent; // revoking twice is a no-op, not an error
    }
    if (!ConsentStateMachine.canTransition(current, to)) {
      throw new ProblemException(
          ConsentProblems.ILLEGAL_TRANSITION,
          "Consent " + consentId + " is " + current + " and cannot become " + to,
          Map.of("currentStatus", current.name()));
    }
    changeStatus(consent, current, to, actor, reason);
    return consent;
  }

  private void changeStatus(
      Consent consent, ConsentStatus from, ConsentStatus to, String actor, String reason) {
    Instant now = clock.instant();
    consent.status = to;
    consent.sequence = consent.sequence + 1;
    ConsentHistoryEntry entry = new ConsentHistoryEntry();
    entry.key = new ConsentHistoryEntry.Key(consent.id, consent.sequence);
    entry.fromStatus = from;
    entry.toStatus = to;
    entry.changedAt = now;
    entry.changedBy = actor;
    entry.reason = reason;
    entry.persist();
    if (to == ConsentStatus.ACTIVE) {
      receipts.issue(consent, ConsentReceipt.Kind.GRANT, now, actor);
    } else if (to == ConsentStatus.REVOKED) {
      receipts.issue(consent, ConsentReceipt.Kind.REVOCATION, now, actor);
    }
    ConsentChanged payload =
        new ConsentChanged(
            consent.id,
            consent.sequence,
            consent.subjectId,
            consent.granteeId,
            consent.direction,
            consent.purpose,
            new ArrayList<>(consent.categorySet()),
            to,
            consent.startsAt,
            consent.expiresAt,
            consent.usageLimit,
            now,
            reason);
    EventEnvelope event =
        EventCodec.envelope(
            Events.CONSENT_CHANGED, consent.subjectId, SubjectService.PRODUCER, payload, now);
    outbox.append(topics.consent(), event);
    outbox.append(topics.consentState(), "consent:" + consent.id, event);
  }

  private Consent newConsent(
      String subjectId, ConsentTerms terms, String requestedBy, ConsentStatus initial) {
    Consent consent = new Consent();
    consent.id = UUID.randomUUID();
    consent.subjectId = subjectId;
    consent.granteeId = terms.granteeId();
    consent.direction = terms.direction();
    consent.purpose = terms.purpose();
    consent.categories =
        terms.categories().stream().map(Enum::name).sorted().toArray(String[]::new);
    consent.startsAt = terms.startsAt();
    consent.expiresAt = terms.expiresAt();
    consent.usageLimit = terms.usageLimit();
    consent.createdAt = clock.instant();
    consent.requestedBy = requestedBy;
    consent.status = initial;
    consent.sequence = 0;
    consent.persist();
    return consent;
  }

  private ConsentTerms withDefaults(ConsentTerms terms) {
    Instant now = clock.instant();
    Instant starts = terms.startsAt() == null ? now : terms.startsAt();
    Instant expires =
        terms.expiresAt() == null ? starts.plus(ConsentTerms.DEFAULT_DURATION) : terms.expiresAt();
    return new ConsentTerms(
        terms.granteeId(),
        terms.direction(),
        terms.purpose(),
        terms.categories(),
        starts,
        expires,
        terms.usageLimit());
  }

  private void validate(ConsentTerms terms, Subject subject) {
    List<ConsentTerms.Violation> violations =
        new ArrayList<>(terms.violations(subject.subjectType, clock.instant()));
    grantees
        .refusal(terms.granteeId(), terms.direction())
        .ifPresent(why -> violations.add(new ConsentTerms.Violation("granteeId", why)));
    if (!violations.isEmpty()) {
      throw new ProblemException(
          ConsentProblems.INVALID_TERMS,
          violations.stream()
              .map(v -> v.field() + ": " + v.message())
              .reduce((a, b) -> a + "; " + b)
              .orElse(""),
          Map.of(
              "errors",
              violations.stream()
                  .map(v -> Map.of("field", v.field(), "message", v.message()))
                  .toList()));
    }
  }

  private Subject enrolled(String subjectId) {
    return subjects.holdActive(subjectId);
  }

  private List<Consent> filtered(List<Consent> all, Filter filter) {
    Instant now = clock.instant();
    return all.stream()
        .filter(c -> filter.status() == null || c.effectiveStatus(now) == filter.status())
        .filter(c -> filter.direction() == null || c.direction == filter.direction())
        .filter(c -> filter.granteeId() == null || filter.granteeId().equals(c.granteeId))
        .toList();
  }

  private static ProblemException notFound(UUID consentId) {
    return new ProblemException(
        ConsentProblems.CONSENT_NOT_FOUND, "No consent " + consentId + " visible to the caller");
  }

  private static String reasonOr(String reason, String fallback) {
    return Optional.ofNullable(reason).filter(r -> !r.isBlank()).orElse(fallback);
  }
}

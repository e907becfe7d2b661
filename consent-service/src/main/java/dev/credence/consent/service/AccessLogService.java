package dev.credence.consent.service;

import dev.credence.common.events.DisclosureRecorded;
import dev.credence.consent.domain.HashChain;
import dev.credence.consent.model.AccessLogEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;

/** Appends disclosures to the hash-chained access log and verifies the chain. */
@ApplicationScoped
public class AccessLogService {
  /** Serialises appends across replicas: the chain has one tail. */
  private static final long CHAIN_LOCK = 0x43524544454e4345L;

  @Inject EntityManager em;
  @Inject Clock clock;

  /** Appends once per disclosure id (a redelivered event appends nothing). */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean append(DisclosureRecorded d) {
    em.createNativeQuery("select pg_advisory_xact_lock(?1)")
        .setParameter(1, CHAIN_LOCK)
        .getSingleResult();
    if (AccessLogEntry.count("disclosureId", d.disclosureId()) > 0) {
      return false;
    }
    AccessLogEntry last =
        AccessLogEntry.<AccessLogEntry>find("order by sequence desc").firstResult();
    AccessLogEntry entry = new AccessLogEntry();
    entry.sequence = last == null ? 1 : last.sequence + 1;
    entry.disclosureId = d.disclosureId();
    entry.subjectId = d.subjectId();
    entry.lenderId = d.lenderId();
    entry.purpose = d.purpose().name();
    entry.consentId = d.consentId();
    entry.outcome = d.outcome();
    entry.disclosedAt = d.disclosedAt();
    entry.recordedAt = clock.instant();
    entry.prevHash = last == null ? HashChain.GENESIS : last.entryHash;
    entry.entryHash = HashChain.hash(entry.prevHash, entry.canonicalContent());
    entry.persist();
    return true;
  }

  public List<AccessLogEntry> forSubject(String subjectId) {
    return AccessLogEntry.list("subjectId = ?1 order by sequence desc", subjectId);
  }

  public List<AccessLogEntry> forLender(String lenderId) {
    return AccessLogEntry.list("lenderId = ?1 order by sequence desc", lenderId);
  }

  @Transactional
  public HashChain.Verdict verify() {
    List<AccessLogEntry> all = AccessLogEntry.list("order by sequence");
    return HashChain.verify(
        all.stream()
            .map(e -> new HashChain.Link(e.sequence, e.canonicalContent(), e.prevHash, e.entryHash))
            .toList());
  }
}

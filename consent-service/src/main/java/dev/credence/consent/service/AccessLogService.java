package dev.credence.consent.service;

import dev.credence.common.events.DisclosureRecorded;
import dev.credence.common.outbox.CustomPlans;
import dev.credence.consent.domain.HashChain;
import dev.credence.consent.model.AccessLogEntry;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;

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
    return appendAll(List.of(d)) == 1;
  }

  /**
   * Appends the disclosures in order, each once per disclosure id, under one chain lock and one
   * read of the tail: a consumer batch costs four statements whatever its size (the lock, the
   * disclosure ids already logged, the tail, one insert of every new entry), not a handful per
   * disclosure. Returns how many entries were appended.
   *
   * <p>Written in JDBC, not through Hibernate: one entity insert per entry made the flush of each
   * batch a third of this service's CPU under score load, and each insert a statement for
   * PostgreSQL (docs/benchmarks.md, "The access log in one insert a batch"). The entries are still
   * built and hashed by {@link AccessLogEntry}, so the chain's content is the same.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public int appendAll(List<DisclosureRecorded> disclosures) {
    if (disclosures.isEmpty()) {
      return 0;
    }
    Instant recordedAt = clock.instant();
    return em.unwrap(Session.class)
        .doReturningWork(connection -> appendAll(connection, disclosures, recordedAt));
  }

  private static int appendAll(
      Connection connection, List<DisclosureRecorded> disclosures, Instant recordedAt)
      throws SQLException {
    // the lock, and this transaction's statements planned for the log as it is now: the select
    // below by the unique disclosure id, not by a scan kept from when the log was empty
    try (PreparedStatement lock =
        connection.prepareStatement("select pg_advisory_xact_lock(?), " + CustomPlans.SQL)) {
      lock.setLong(1, CHAIN_LOCK);
      lock.executeQuery().close();
    }
    Set<UUID> logged = new HashSet<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "select disclosure_id from access_log_entry where disclosure_id = any(?)")) {
      select.setArray(
          1,
          connection.createArrayOf(
              "uuid", disclosures.stream().map(DisclosureRecorded::disclosureId).toArray()));
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          logged.add(rs.getObject(1, UUID.class));
        }
      }
    }
    long sequence = 0;
    String prevHash = HashChain.GENESIS;
    try (PreparedStatement tail =
            connection.prepareStatement(
                "select sequence, entry_hash from access_log_entry order by sequence desc limit 1");
        ResultSet rs = tail.executeQuery()) {
      if (rs.next()) {
        sequence = rs.getLong(1);
        prevHash = rs.getString(2);
      }
    }
    List<AccessLogEntry> entries = new ArrayList<>(disclosures.size());
    for (DisclosureRecorded d : disclosures) {
      if (!logged.add(d.disclosureId())) {
        continue; // logged before, or twice in this batch
      }
      AccessLogEntry entry = new AccessLogEntry();
      entry.sequence = ++sequence;
      entry.disclosureId = d.disclosureId();
      entry.subjectId = d.subjectId();
      entry.lenderId = d.lenderId();
      entry.purpose = d.purpose().name();
      entry.consentId = d.consentId();
      entry.outcome = d.outcome();
      entry.disclosedAt = d.disclosedAt();
      entry.contentVersion = AccessLogEntry.CURRENT_VERSION;
      entry.score = d.score();
      entry.modelId = d.modelId();
      entry.modelVersion = d.modelVersion();
      entry.snapshotHash = d.snapshotHash();
      entry.recordedAt = recordedAt;
      entry.prevHash = prevHash;
      entry.entryHash = HashChain.hash(entry.prevHash, entry.canonicalContent());
      prevHash = entry.entryHash;
      entries.add(entry);
    }
    if (entries.isEmpty()) {
      return 0;
    }
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      for (int i = 0; i < COLUMNS.size(); i++) {
        Column column = COLUMNS.get(i);
        insert.setArray(
            i + 1,
            connection.createArrayOf(
                column.arrayType(), entries.stream().map(column.value()).toArray()));
      }
      insert.executeUpdate();
    }
    return entries.size();
  }

  /** A column of the access log, the element type of its array, and its value in an entry. */
  private record Column(String name, String arrayType, Function<AccessLogEntry, Object> value) {}

  /**
   * The columns an append writes, in the order of the insert's arrays. Instants go as ISO-8601
   * text, read by PostgreSQL as timestamptz (rounded to microseconds, as a bound timestamp is): no
   * time zone of this JVM can slip in.
   */
  private static final List<Column> COLUMNS =
      List.of(
          new Column("sequence", "int8", e -> e.sequence),
          new Column("disclosure_id", "uuid", e -> e.disclosureId),
          new Column("subject_id", "text", e -> e.subjectId),
          new Column("lender_id", "text", e -> e.lenderId),
          new Column("purpose", "text", e -> e.purpose),
          new Column("consent_id", "uuid", e -> e.consentId),
          new Column("outcome", "text", e -> e.outcome),
          new Column("disclosed_at", "timestamptz", e -> e.disclosedAt.toString()),
          new Column("recorded_at", "timestamptz", e -> e.recordedAt.toString()),
          new Column("prev_hash", "text", e -> e.prevHash),
          new Column("entry_hash", "text", e -> e.entryHash),
          new Column("content_version", "int2", e -> e.contentVersion),
          new Column("score", "int4", e -> e.score),
          new Column("model_id", "text", e -> e.modelId),
          new Column("model_version", "text", e -> e.modelVersion),
          new Column("snapshot_hash", "text", e -> e.snapshotHash));

  /**
   * Every new entry of a batch in one statement: {@code insert into access_log_entry (…) select *
   * from unnest(?::int8[], ?::uuid[], …)}, one array a column.
   */
  private static final String INSERT =
      "insert into access_log_entry ("
          + COLUMNS.stream().map(Column::name).collect(Collectors.joining(", "))
          + ") select * from unnest("
          + COLUMNS.stream()
              .map(c -> "?::" + c.arrayType() + "[]")
              .collect(Collectors.joining(", "))
          + ")";

  /** The {@code typ} of a signed checkpoint of the log's head. */
  public static final String CHECKPOINT_TYPE = "access-log-checkpoint+jws";

  /** The head of the log, signed: the last entry's sequence and hash when it was issued. */
  public record Checkpoint(long sequence, String entryHash, Instant issuedAt, String jws) {}

  @Inject ReceiptSigner signer;

  /**
   * Signs the log's head with the receipt key. Whoever keeps a checkpoint (an auditor, a person in
   * their export) can later show that the log still holds every entry it covered, unchanged: a cut
   * tail or a rewrite from some entry on, which the chain alone cannot reveal, is then detected.
   */
  public Checkpoint checkpoint() {
    AccessLogEntry last =
        AccessLogEntry.<AccessLogEntry>find("order by sequence desc").firstResult();
    long sequence = last == null ? 0 : last.sequence;
    String hash = last == null ? HashChain.GENESIS : last.entryHash;
    Instant now = clock.instant();
    String payload =
        "{\"log\":\"credence-access-log\",\"sequence\":"
            + sequence
            + ",\"entryHash\":\""
            + hash
            + "\",\"issuedAt\":\""
            + now
            + "\"}";
    return new Checkpoint(sequence, hash, now, signer.sign(payload, CHECKPOINT_TYPE));
  }

  /** What the log says about a checkpoint it signed. */
  public record CheckpointVerdict(
      boolean valid, long sequence, String entryHash, Instant issuedAt, String reason) {}

  /**
   * Whether the log still holds the entry a checkpoint names, with the same hash, and a chain that
   * verifies up to it. No transaction of its own: the chain is read a page at a time by {@link
   * #verify()}, and one transaction around a long log would run into the transaction timeout.
   */
  public CheckpointVerdict verifyCheckpoint(long sequence, String entryHash, Instant issuedAt) {
    if (sequence > 0) {
      AccessLogEntry entry = AccessLogEntry.findById(sequence);
      if (entry == null) {
        Long tail =
            em.createQuery("select max(e.sequence) from AccessLogEntry e", Long.class)
                .getSingleResult();
        return new CheckpointVerdict(
            false,
            sequence,
            entryHash,
            issuedAt,
            "the log no longer holds entry "
                + sequence
                + " (it ends at "
                + (tail == null ? 0 : tail)
                + "): entries were removed after the checkpoint was issued");
      }
      if (!entry.entryHash.equals(entryHash)) {
        return new CheckpointVerdict(
            false,
            sequence,
            entryHash,
            issuedAt,
            "entry " + sequence + " no longer has the hash the checkpoint names: rewritten");
      }
    }
    HashChain.Verdict chain = verify();
    if (!chain.valid() && chain.firstBroken().orElseThrow() <= sequence) {
      return new CheckpointVerdict(
          false,
          sequence,
          entryHash,
          issuedAt,
          "the chain up to the checkpoint is broken at entry "
              + chain.firstBroken().orElseThrow()
              + ": "
              + chain.reason());
    }
    return new CheckpointVerdict(
        true,
        sequence,
        entryHash,
        issuedAt,
        "the log holds every entry the checkpoint covers, unchanged");
  }

  /** Entries per page of a listing when the caller names no limit, and the most it may name. */
  public static final int DEFAULT_PAGE = 100;

  public static final int MAX_PAGE = 1000;

  /**
   * One page of a listing, newest first, and the sequence to continue after ({@code null} on the
   * last page).
   */
  public record Listing(List<AccessLogEntry> entries, Long next) {}

  /** One page of the subject's entries, newest first, older than {@code before} when given. */
  public Listing forSubject(String subjectId, Long before, int limit) {
    return page("subjectId = ?1", subjectId, before, limit);
  }

  /** One page of the lender's entries, newest first, older than {@code before} when given. */
  public Listing forLender(String lenderId, Long before, int limit) {
    return page("lenderId = ?1", lenderId, before, limit);
  }

  /** One page of the whole log, newest first, older than {@code before} when given. */
  public Listing all(Long before, int limit) {
    return page(null, null, before, limit);
  }

  /**
   * Keyset paging by sequence, newest first, one row more than asked to know whether a next page
   * exists: memory and time stay at one page whatever the log's size. The listings used to read
   * every matching row, and a bench lender with 1.3 million entries would have run the service out
   * of its 384 MB heap (as verify() did before it was paged).
   */
  private Listing page(String filter, String value, Long before, int limit) {
    StringBuilder query = new StringBuilder();
    List<Object> params = new ArrayList<>();
    if (filter != null) {
      query.append(filter);
      params.add(value);
    }
    if (before != null) {
      query.append(query.isEmpty() ? "" : " and ").append("sequence < ?").append(params.size() + 1);
      params.add(before);
    }
    List<AccessLogEntry> rows =
        AccessLogEntry.<AccessLogEntry>find(
                query.toString(), Sort.by("sequence").descending(), params.toArray())
            .range(0, limit)
            .list();
    if (rows.size() <= limit) {
      return new Listing(rows, null);
    }
    List<AccessLogEntry> shown = rows.subList(0, limit);
    return new Listing(List.copyOf(shown), shown.get(limit - 1).sequence);
  }

  /**
   * How many disclosures were made under each of the subject's consents, counted by the database
   * (the portal's dashboard used to load every entry of the subject to count them).
   */
  public Map<UUID, Long> disclosureCounts(String subjectId) {
    Map<UUID, Long> counts = new HashMap<>();
    em.createQuery(
            "select e.consentId, count(e) from AccessLogEntry e where e.subjectId = ?1"
                + " and e.consentId is not null group by e.consentId",
            Object[].class)
        .setParameter(1, subjectId)
        .getResultList()
        .forEach(row -> counts.put((UUID) row[0], ((Number) row[1]).longValue()));
    return counts;
  }

  /**
   * Verifies one subject's entries and their links to the entries before and after them (the
   * portal's check: its cost follows the person's entries; the auditor's {@link #verify()} reads
   * the whole chain).
   */
  @Transactional
  public HashChain.Verdict verifySubject(String subjectId) {
    List<AccessLogEntry> mine = AccessLogEntry.list("subjectId = ?1 order by sequence", subjectId);
    Map<Long, String> predecessors = new HashMap<>();
    List<Long> before =
        mine.stream().map(e -> e.sequence - 1).filter(sequence -> sequence > 0).toList();
    if (!before.isEmpty()) {
      em.createQuery(
              "select e.sequence, e.entryHash from AccessLogEntry e where e.sequence in ?1",
              Object[].class)
          .setParameter(1, before)
          .getResultList()
          .forEach(row -> predecessors.put(((Number) row[0]).longValue(), (String) row[1]));
    }
    Map<Long, String> successors = new HashMap<>();
    List<Long> after = mine.stream().map(e -> e.sequence + 1).toList();
    if (!after.isEmpty()) {
      em.createQuery(
              "select e.sequence, e.prevHash from AccessLogEntry e where e.sequence in ?1",
              Object[].class)
          .setParameter(1, after)
          .getResultList()
          .forEach(row -> successors.put(((Number) row[0]).longValue(), (String) row[1]));
    }
    Long tail =
        em.createQuery("select max(e.sequence) from AccessLogEntry e", Long.class)
            .getSingleResult();
    return HashChain.verifyEntries(
        mine.stream()
            .map(e -> new HashChain.Link(e.sequence, e.canonicalContent(), e.prevHash, e.entryHash))
            .toList(),
        predecessors,
        successors,
        tail == null ? 0 : tail);
  }

  /** Entries read per page by {@link #verify()} (the tests use a tiny page to cross pages). */
  @ConfigProperty(name = "credence.access-log.verify-page", defaultValue = "2000")
  int verifyPage;

  /**
   * Verifies the whole chain a page at a time (keyset pages by sequence, each detached once
   * checked), so memory stays at one page whatever the log's size: reading the whole log at once
   * ran the service out of memory at 1.3 million entries (docs/benchmarks.md, fault run).
   */
  @Transactional
  public HashChain.Verdict verify() {
    HashChain.Verifier verifier = new HashChain.Verifier();
    long after = 0;
    long read = 0;
    while (!verifier.isBroken()) {
      List<AccessLogEntry> page =
          AccessLogEntry.<AccessLogEntry>find("sequence > ?1", Sort.by("sequence"), after)
              .page(Page.ofSize(verifyPage))
              .list();
      if (page.isEmpty()) {
        break;
      }
      for (AccessLogEntry e : page) {
        if (!verifier.accept(
            new HashChain.Link(e.sequence, e.canonicalContent(), e.prevHash, e.entryHash))) {
          break;
        }
      }
      read += page.size();
      after = page.get(page.size() - 1).sequence;
      em.clear(); // nothing here is changed: let the page go
    }
    return verifier.verdict(verifier.isBroken() ? AccessLogEntry.count() : read);
  }
}

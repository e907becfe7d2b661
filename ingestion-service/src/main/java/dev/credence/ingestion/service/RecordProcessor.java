package dev.credence.ingestion.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.credence.common.events.DataCategory;
import dev.credence.common.events.EventCodec;
import dev.credence.common.events.EventEnvelope;
import dev.credence.common.events.Events;
import dev.credence.common.events.IdentifierHash;
import dev.credence.common.events.RecordAccepted;
import dev.credence.common.events.RecordWithdrawn;
import dev.credence.common.events.Topics;
import dev.credence.common.events.WithdrawalReason;
import dev.credence.common.identity.IdentifierHasher;
import dev.credence.common.identity.Ids;
import dev.credence.common.outbox.Outbox;
import dev.credence.ingestion.domain.AccountDeletion;
import dev.credence.ingestion.domain.CategorySchemas;
import dev.credence.ingestion.domain.CategorySchemas.CategorySchema;
import dev.credence.ingestion.domain.CategorySchemas.SchemaViolation;
import dev.credence.ingestion.domain.CollectConsent;
import dev.credence.ingestion.domain.ConsentGate;
import dev.credence.ingestion.domain.ContentHash;
import dev.credence.ingestion.domain.ControlCharacters;
import dev.credence.ingestion.domain.FurnisherRegistry;
import dev.credence.ingestion.domain.Outcome;
import dev.credence.ingestion.domain.ReasonCode;
import dev.credence.ingestion.domain.RecordDates;
import dev.credence.ingestion.domain.RetentionPolicy;
import dev.credence.ingestion.model.ProjectionStore;
import dev.credence.ingestion.model.ProjectionStore.KnownSubject;
import dev.credence.ingestion.model.RecordStore;
import dev.credence.ingestion.model.RecordStore.NewRecord;
import dev.credence.ingestion.model.RecordStore.OutcomeRow;
import dev.credence.ingestion.model.RecordStore.Version;
import dev.credence.ingestion.rest.dto.RecordSubmission;
import dev.credence.ingestion.service.DisputeService.OnRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The intake engine shared by every path (JSON batch, NDJSON stream, CSV job). It takes one chunk
 * of records through the gates — control characters, category, furnisher registration, schema,
 * future dates, obsolescence, subject, subject type, deduplication, consent, reinsertion after a
 * dispute, version order, re-ageing, the date starting a negative item's clock — in one
 * transaction, with every lookup done once per chunk (subjects, consents, stored versions and their
 * disputes each in one query) and every write as one multi-row statement per table: records,
 * superseded versions, outbox events and the ingestion report. An open dispute of a superseded
 * version follows the record to its new version ({@link DisputeService#follow}).
 *
 * <p>Intake of one furnisher is serialised by a transaction-scoped advisory lock, so the versions
 * read for a chunk stay true until it commits.
 */
@ApplicationScoped
public class RecordProcessor {
  static final String PRODUCER = "ingestion-service";

  @Inject CategorySchemas schemas;
  @Inject FurnisherRegistry registry;
  @Inject IdentifierHasher hasher;
  @Inject ProjectionStore projection;
  @Inject RecordStore records;
  @Inject Outbox outbox;
  @Inject Topics topics;
  @Inject Clock clock;
  @Inject ObjectMapper mapper;
  @Inject RetentionPolicy retention;
  @Inject DisputeService disputes;
  @Inject ConsentStateGuard consentState;
  @Inject Withdrawals withdrawals;

  /** One record to process: a parsed submission, or a line already rejected by its reader. */
  public record Item(Long lineNo, RecordSubmission submission, Evaluated rejected) {
    public static Item of(Long lineNo, RecordSubmission submission) {
      return new Item(lineNo, submission, null);
    }

    public static Item rejectedLine(
        Long lineNo, String furnisherRecordId, ReasonCode reason, String message) {
      return rejectedLine(lineNo, furnisherRecordId, reason, message, null);
    }

    /** A line rejected by its reader, naming the failing JSON pointers into {@code data}. */
    public static Item rejectedLine(
        Long lineNo,
        String furnisherRecordId,
        ReasonCode reason,
        String message,
        List<String> fields) {
      return new Item(
          lineNo,
          null,
          Evaluated.rejected(lineNo, furnisherRecordId, null, reason, message, fields));
    }
  }

  /** The outcome of one record before it is turned into a response line. */
  public record Evaluated(
      Long lineNo,
      String furnisherRecordId,
      String category,
      Outcome outcome,
      UUID recordId,
      UUID supersedes,
      ReasonCode reason,
      String message,
      List<String> fields) {

    static Evaluated rejected(
        Long lineNo,
        String furnisherRecordId,
        String category,
        ReasonCode reason,
        String message,
        List<String> fields) {
      return new Evaluated(
          lineNo,
          furnisherRecordId,
          category,
          Outcome.REJECTED,
          null,
          null,
          reason,
          message == null ? reason.message() : message,
          fields);
    }
  }

  /** A submission that passed the checks needing no database. */
  private record Prepared(
      RecordSubmission submission,
      DataCategory category,
      CategorySchema schema,
      String dataJson,
      IdentifierHash identifier,
      LocalDate agesOutOn) {}

  /** Processes one chunk in one transaction; outcomes in item order. */
  @Transactional
  public List<Evaluated> process(UUID batchId, String furnisherId, List<Item> items) {
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    records.lockFurnisher(furnisherId);
    int n = items.size();
    Evaluated[] results = new Evaluated[n];
    Prepared[] prepared = new Prepared[n];

    Set<IdentifierHash> identifiers = new HashSet<>();
    Map<String, IdentifierHash> hashed = new HashMap<>();
    for (int i = 0; i < n; i++) {
      Item item = items.get(i);
      if (item.rejected() != null) {
        results[i] = item.rejected();
        continue;
      }
      Object checked = prepare(furnisherId, item, hashed, today);
      if (checked instanceof Evaluated rejected) {
        results[i] = rejected;
      } else {
        prepared[i] = (Prepared) checked;
        identifiers.add(prepared[i].identifier());
      }
    }

    Map<IdentifierHash, KnownSubject> subjects = projection.findSubjects(identifiers);
    KnownSubject[] subjectOf = new KnownSubject[n];
    Set<String> consentSubjects = new HashSet<>();
    Set<String> furnisherRecordIds = new HashSet<>();
    for (int i = 0; i < n; i++) {
      Prepared p = prepared[i];
      if (p == null) {
        continue;
      }
      KnownSubject subject = subjects.get(p.identifier());
      Long line = items.get(i).lineNo();
      String id = p.submission().furnisherRecordId();
      if (subject == null) {
        results[i] = reject(line, p, ReasonCode.UNKNOWN_SUBJECT, null);
      } else if (subject.subjectType() != p.category().subjectType()) {
        results[i] =
            reject(
                line,
                p,
                ReasonCode.CATEGORY_SUBJECT_MISMATCH,
                p.category()
                    + " records are about a "
                    + p.category().subjectType()
                    + ", not a "
                    + subject.subjectType());
      } else {
        subjectOf[i] = subject;
        furnisherRecordIds.add(id);
        if (ConsentGate.requiresConsent(p.category())) {
          consentSubjects.add(subject.subjectId());
        }
      }
    }

    Map<String, List<CollectConsent>> consents =
        projection.collectConsents(consentSubjects, furnisherId);
    // A consent-bound record is judged only against a projection proven fresh: otherwise a COLLECT
    // revocation may still be on its way here (ConsentStateGuard).
    boolean consentStateFresh = consentSubjects.isEmpty() || consentState.fresh(now);
    Map<String, List<Version>> versions = new HashMap<>();
    for (Version v : records.versions(furnisherId, furnisherRecordIds)) {
      versions.computeIfAbsent(v.furnisherRecordId(), k -> new ArrayList<>()).add(v);
    }
    // only a record already held can be disputed; the rows stay locked until this chunk commits
    List<OnRecord> disputesOfChunk = disputes.ofRecords(furnisherId, versions.keySet());
    Set<String> openDisputes = new HashSet<>();
    Set<String> removedByDispute = new HashSet<>();
    for (OnRecord d : disputesOfChunk) {
      (d.removedTheRecord() ? removedByDispute : openDisputes).add(d.furnisherRecordId());
    }

    List<NewRecord> inserts = new ArrayList<>();
    List<UUID> replacedIds = new ArrayList<>();
    List<UUID> replacingIds = new ArrayList<>();
    Map<String, UUID> disputedUpdates = new HashMap<>();
    List<UUID> deletions = new ArrayList<>();
    List<EventEnvelope> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (subjectOf[i] == null) {
        continue;
      }
      Prepared p = prepared[i];
      Long line = items.get(i).lineNo();
      String id = p.submission().furnisherRecordId();
      String subjectId = subjectOf[i].subjectId();
      String contentHash = ContentHash.of(p.category().name(), subjectId, p.submission().data());
      List<Version> held = versions.computeIfAbsent(id, k -> new ArrayList<>());

      Optional<Version> same =
          held.stream().filter(v -> v.contentHash().equals(contentHash)).findFirst();
      if (same.isPresent()) {
        results[i] =
            new Evaluated(
                line,
                id,
                p.category().name(),
                Outcome.DUPLICATE,
                same.get().id(),
                null,
                null,
                null,
                null);
        continue;
      }
      Optional<Version> current = held.stream().filter(Version::current).findFirst();
      if (AccountDeletion.requested(p.category(), p.submission().data())) {
        // a Metro 2 DA/DF is an instruction to delete, never a live account: it withdraws the
        // held version (as a furnisher's dispute deletion does) and is not stored itself. It
        // removes data only, so neither consent nor version order holds it back.
        if (current.isEmpty()) {
          results[i] = reject(line, p, ReasonCode.NOTHING_TO_DELETE, null);
        } else {
          deletions.add(current.get().id());
          if (openDisputes.remove(id)) {
            // the deletion answers the open dispute (DELETED): later versions in this chunk may
            // not reinsert the record either
            removedByDispute.add(id);
          }
          results[i] =
              new Evaluated(
                  line,
                  id,
                  p.category().name(),
                  Outcome.DELETED,
                  current.get().id(),
                  null,
                  null,
                  null,
                  null);
        }
        continue;
      }
      if (ConsentGate.requiresConsent(p.category()) && !consentStateFresh) {
        results[i] = reject(line, p, ReasonCode.CONSENT_STATE_UNAVAILABLE, null);
        continue;
      }
      if (ConsentGate.requiresConsent(p.category())
          && ConsentGate.permitting(
                  consents.getOrDefault(subjectId, List.of()), furnisherId, p.category(), now)
              .isEmpty()) {
        results[i] = reject(line, p, ReasonCode.CONSENT_REQUIRED, null);
        continue;
      }
      if (removedByDispute.contains(id)) {
        // FCRA §611(a)(5)(B): information deleted after a dispute comes back only on the
        // furnisher's certification and with notice to the person, neither of which an ordinary
        // update is; nothing is stored
        results[i] = reject(line, p, ReasonCode.REINSERTION_REFUSED, null);
        continue;
      }
      LocalDate reportedOn = reportedOn(p.submission().data(), now);
      if (current.isPresent() && reportedOn.isBefore(current.get().reportedOn())) {
        results[i] =
            reject(
                line,
                p,
                ReasonCode.STALE_VERSION,
                "Version "
                    + current.get().version()
                    + " of this record, reported on "
                    + current.get().reportedOn()
                    + ", is newer than this one (reportedOn "
                    + reportedOn
                    + ")");
        continue;
      }
      if (current.isPresent()
          && retention.reAges(p.category(), p.submission().data(), current.get().agesOutOn())) {
        results[i] = reject(line, p, ReasonCode.REAGED_DELINQUENCY, null);
        continue;
      }
      Optional<String> undated = retention.missingClockStart(p.category(), p.submission().data());
      if (undated.isPresent()) {
        // a negative item without the date starting its clock would never age out
        results[i] =
            Evaluated.rejected(
                line,
                id,
                p.category().name(),
                ReasonCode.DELINQUENCY_DATE_REQUIRED,
                null,
                List.of("/" + undated.get()));
        continue;
      }

      UUID recordId = Ids.timeOrdered(); // appended to the index, not scattered (Ids)
      int version = current.map(v -> v.version() + 1).orElse(1);
      UUID supersedes = current.map(Version::id).orElse(null);
      inserts.add(
          new NewRecord(
              recordId,
              furnisherId,
              id,
              version,
              supersedes,
              subjectId,
              p.category().name(),
              p.schema().version(),
              p.dataJson(),
              contentHash,
              reportedOn,
              ConsentGate.requiresConsent(p.category()),
              p.agesOutOn(),
              now));
      events.add(
          EventCodec.envelope(
              Events.RECORD_ACCEPTED,
              subjectId,
              PRODUCER,
              new RecordAccepted(
                  recordId,
                  subjectId,
                  furnisherId,
                  id,
                  p.category(),
                  reportedOn,
                  p.submission().data()),
              now));
      if (current.isPresent()) {
        Version old = current.get();
        replacedIds.add(old.id());
        replacingIds.add(recordId);
        held.remove(old);
        held.add(
            new Version(
                old.id(),
                id,
                old.version(),
                old.contentHash(),
                old.reportedOn(),
                "ACTIVE".equals(old.status()) ? "SUPERSEDED" : old.status(),
                recordId,
                old.disputeStatus(),
                old.subjectId(),
                old.category(),
                old.agesOutOn()));
        if ("ACTIVE".equals(old.status())) {
          events.add(
              EventCodec.envelope(
                  Events.RECORD_WITHDRAWN,
                  old.subjectId(),
                  PRODUCER,
                  new RecordWithdrawn(
                      old.id(),
                      old.subjectId(),
                      furnisherId,
                      id,
                      DataCategory.valueOf(old.category()),
                      WithdrawalReason.SUPERSEDED,
                      recordId,
                      now),
                  now));
        }
        if (openDisputes.contains(id)) {
          // a new version is no answer to the dispute: it follows the record (last one wins)
          disputedUpdates.put(id, recordId);
        }
      }
      held.add(
          new Version(
              recordId,
              id,
              version,
              contentHash,
              reportedOn,
              "ACTIVE",
              null,
              null,
              subjectId,
              p.category().name(),
              p.agesOutOn()));
      results[i] =
          new Evaluated(
              line,
              id,
              p.category().name(),
              supersedes == null ? Outcome.ACCEPTED : Outcome.SUPERSEDED,
              recordId,
              supersedes,
              null,
              null,
              null);
    }

    records.insertAll(inserts);
    records.markReplaced(replacedIds, replacingIds, now);
    outbox.appendAll(topics.records(), events);
    if (!disputedUpdates.isEmpty()) {
      // after the new versions' record.accepted, so the dispute.updated naming one follows it
      disputes.follow(disputesOfChunk, disputedUpdates, now);
    }
    if (!deletions.isEmpty()) {
      // after this chunk's versions are written and announced, so that a version accepted and
      // deleted in the same chunk is withdrawn after its record.accepted; only ACTIVE versions
      // are withdrawn (and announced as record.withdrawn DELETED)
      withdrawals.withdraw(
          withdrawals.find("id = any(?1)", (Object) deletions.toArray(new UUID[0])),
          WithdrawalReason.DELETED,
          now);
      disputes.resolveByDeletion(deletions, now);
    }
    List<OutcomeRow> report = new ArrayList<>(n);
    for (Evaluated e : results) {
      report.add(
          new OutcomeRow(
              batchId,
              furnisherId,
              e.lineNo(),
              e.furnisherRecordId(),
              e.category(),
              e.outcome(),
              e.reason(),
              e.message(),
              e.recordId(),
              now));
    }
    records.insertOutcomes(report);
    return List.of(results);
  }

  /** A {@code SCHEMA_VIOLATION}: what in {@code data} breaks the category's schema, and where. */
  private static Evaluated schemaViolation(
      Long line,
      String id,
      CategorySchema schema,
      DataCategory category,
      String what,
      List<String> pointers) {
    return Evaluated.rejected(
        line,
        id,
        category.name(),
        ReasonCode.SCHEMA_VIOLATION,
        "data does not match " + category + " v" + schema.version() + ": " + what,
        pointers);
  }

  /** The checks that need no database: a {@link Prepared} or a rejection. */
  private Object prepare(
      String furnisherId, Item item, Map<String, IdentifierHash> hashed, LocalDate today) {
    RecordSubmission s = item.submission();
    Long line = item.lineNo();
    Optional<String> controlled = controlCharacterField(s);
    if (controlled.isPresent()) {
      // neither stored nor echoed: PostgreSQL refuses U+0000 in text, and it is not an id
      String id = "furnisherRecordId".equals(controlled.get()) ? null : s.furnisherRecordId();
      String category =
          "category".equals(controlled.get())
              ? null
              : category(s.category()).map(Enum::name).orElse(null);
      return Evaluated.rejected(
          line,
          id,
          category,
          ReasonCode.INVALID_ENVELOPE,
          "The record envelope is invalid: "
              + controlled.get()
              + " holds "
              + ControlCharacters.REFUSED,
          null);
    }
    String id = s.furnisherRecordId();
    Optional<DataCategory> maybeCategory = category(s.category());
    if (maybeCategory.isEmpty()) {
      return Evaluated.rejected(line, id, s.category(), ReasonCode.UNKNOWN_CATEGORY, null, null);
    }
    DataCategory category = maybeCategory.get();
    Optional<CategorySchema> schema = schemas.current(category);
    if (schema.isEmpty()) {
      return Evaluated.rejected(
          line, id, category.name(), ReasonCode.UNSUPPORTED_CATEGORY, null, null);
    }
    if (!registry.mayReport(furnisherId, category)) {
      return Evaluated.rejected(
          line, id, category.name(), ReasonCode.FURNISHER_NOT_REGISTERED, null, null);
    }
    Optional<ControlCharacters.Found> control = ControlCharacters.inData(s.data());
    if (control.isPresent()) {
      return schemaViolation(
          line,
          id,
          schema.get(),
          category,
          control.get().where() + " holds " + ControlCharacters.REFUSED,
          List.of(control.get().pointer().isEmpty() ? "/" : control.get().pointer()));
    }
    String dataJson = json(s.data());
    List<SchemaViolation> violations = schemas.validate(category, dataJson);
    if (!violations.isEmpty()) {
      return schemaViolation(
          line,
          id,
          schema.get(),
          category,
          violations.stream().map(SchemaViolation::toString).collect(Collectors.joining("; ")),
          violations.stream().map(SchemaViolation::pointer).distinct().toList());
    }
    List<String> future =
        RecordDates.inTheFuture(s.data(), today, retention.clockStart(category, s.data()));
    if (!future.isEmpty()) {
      return Evaluated.rejected(
          line,
          id,
          category.name(),
          ReasonCode.FUTURE_DATE,
          String.join(", ", future)
              + (future.size() == 1 ? " is" : " are")
              + " later than today ("
              + today
              + ", UTC) plus "
              + RecordDates.SKEW.getDays()
              + " day: a record reports what has happened",
          future);
    }
    Optional<LocalDate> agesOutOn = retention.agesOutOn(category, s.data());
    if (agesOutOn.isPresent() && !agesOutOn.get().isAfter(today)) {
      return Evaluated.rejected(
          line,
          id,
          category.name(),
          ReasonCode.OBSOLETE,
          "The negative item aged out on "
              + agesOutOn.get()
              + ": past its reporting period under FCRA §605, it may not be reported; nothing was"
              + " stored",
          null);
    }
    IdentifierHash identifier;
    try {
      // a chunk names the same subjects again and again: one HMAC per distinct identifier
      String key = s.subject().identifierType() + "\u0000" + s.subject().identifier();
      identifier = hashed.get(key);
      if (identifier == null) {
        identifier = hasher.hash(s.subject().identifierType(), s.subject().identifier());
        hashed.put(key, identifier);
      }
    } catch (IllegalArgumentException e) {
      return Evaluated.rejected(
          line, id, category.name(), ReasonCode.INVALID_IDENTIFIER, null, null);
    }
    return new Prepared(s, category, schema.get(), dataJson, identifier, agesOutOn.orElse(null));
  }

  /**
   * The envelope field (furnisherRecordId, category, subject.identifier) holding a control
   * character, if any.
   */
  private static Optional<String> controlCharacterField(RecordSubmission s) {
    if (ControlCharacters.any(s.furnisherRecordId())) {
      return Optional.of("furnisherRecordId");
    }
    if (ControlCharacters.any(s.category())) {
      return Optional.of("category");
    }
    if (s.subject() != null && ControlCharacters.any(s.subject().identifier())) {
      return Optional.of("subject.identifier");
    }
    return Optional.empty();
  }

  private static Evaluated reject(Long line, Prepared p, ReasonCode reason, String message) {
    return Evaluated.rejected(
        line, p.submission().furnisherRecordId(), p.category().name(), reason, message, null);
  }

  /** Whether any record of the chunk is of a category bound to a {@code COLLECT} consent. */
  static boolean anyConsentBound(List<Item> items) {
    for (Item item : items) {
      if (item.submission() != null
          && category(item.submission().category())
              .filter(ConsentGate::requiresConsent)
              .isPresent()) {
        return true;
      }
    }
    return false;
  }

  static Optional<DataCategory> category(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String normalised = name.strip().toUpperCase(Locale.ROOT);
    for (DataCategory category : DataCategory.values()) {
      if (category.name().equals(normalised)) {
        return Optional.of(category);
      }
    }
    return Optional.empty();
  }

  private static LocalDate reportedOn(JsonNode data, Instant now) {
    JsonNode reported = data.get("reportedOn");
    return reported != null && reported.isTextual()
        ? LocalDate.parse(reported.textValue())
        : LocalDate.ofInstant(now, ZoneOffset.UTC);
  }

  private String json(JsonNode data) {
    try {
      return mapper.writeValueAsString(data);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Record data could not be serialised", e);
    }
  }
}

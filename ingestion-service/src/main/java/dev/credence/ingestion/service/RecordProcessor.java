package dev.credence.ingestion.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.credence.common.events.DataCategory;
import dev.credence.common.events.EventCodec;
import dev.credence.common.events.Events;
import dev.credence.common.events.IdentifierHash;
import dev.credence.common.events.RecordAccepted;
import dev.credence.common.events.Topics;
import dev.credence.common.identity.IdentifierHasher;
import dev.credence.common.outbox.Outbox;
import dev.credence.ingestion.domain.CategorySchemas;
import dev.credence.ingestion.domain.CategorySchemas.CategorySchema;
import dev.credence.ingestion.domain.CategorySchemas.SchemaViolation;
import dev.credence.ingestion.domain.CollectConsent;
import dev.credence.ingestion.domain.ConsentGate;
import dev.credence.ingestion.domain.ContentHash;
import dev.credence.ingestion.domain.FurnisherRegistry;
import dev.credence.ingestion.domain.Outcome;
import dev.credence.ingestion.domain.ReasonCode;
import dev.credence.ingestion.model.ProjectionStore;
import dev.credence.ingestion.model.ProjectionStore.KnownSubject;
import dev.credence.ingestion.model.RecordStore;
import dev.credence.ingestion.model.RecordStore.Existing;
import dev.credence.ingestion.model.RecordStore.NewRecord;
import dev.credence.ingestion.rest.dto.RecordSubmission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Takes each record of a batch through the gates, in order — category, furnisher registration,
 * schema, subject, subject type, consent — and stores the accepted ones with their {@code
 * record.accepted} event and an ingestion-report line per record, all in one transaction.
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

  /** The outcome of one record before it is turned into a response line. */
  public record Evaluated(
      String furnisherRecordId,
      Outcome outcome,
      UUID recordId,
      ReasonCode reason,
      String message,
      List<String> fields) {

    static Evaluated accepted(String furnisherRecordId, UUID recordId) {
      return new Evaluated(furnisherRecordId, Outcome.ACCEPTED, recordId, null, null, null);
    }

    static Evaluated duplicate(String furnisherRecordId, UUID recordId) {
      return new Evaluated(furnisherRecordId, Outcome.DUPLICATE, recordId, null, null, null);
    }

    static Evaluated rejected(String furnisherRecordId, ReasonCode reason) {
      return rejected(furnisherRecordId, reason, reason.message(), null);
    }

    static Evaluated rejected(
        String furnisherRecordId, ReasonCode reason, String message, List<String> fields) {
      return new Evaluated(furnisherRecordId, Outcome.REJECTED, null, reason, message, fields);
    }
  }

  /** Per-batch memo of lookups that every record of the same subject would repeat. */
  private static final class BatchContext {
    final Map<IdentifierHash, Optional<KnownSubject>> subjects = new HashMap<>();
    final Map<String, List<CollectConsent>> consents = new HashMap<>();
  }

  @Transactional
  public List<Evaluated> process(
      UUID batchId, String furnisherId, List<RecordSubmission> submissions) {
    Instant now = clock.instant();
    BatchContext context = new BatchContext();
    List<Evaluated> results = new ArrayList<>(submissions.size());
    for (RecordSubmission submission : submissions) {
      Evaluated result = evaluate(furnisherId, submission, now, context);
      records.recordOutcome(
          batchId,
          furnisherId,
          submission.furnisherRecordId(),
          submission.category(),
          result.outcome(),
          result.reason(),
          result.recordId(),
          now);
      results.add(result);
    }
    return results;
  }

  private Evaluated evaluate(
      String furnisherId, RecordSubmission s, Instant now, BatchContext context) {
    String id = s.furnisherRecordId();
    Optional<DataCategory> maybeCategory = category(s.category());
    if (maybeCategory.isEmpty()) {
      return Evaluated.rejected(id, ReasonCode.UNKNOWN_CATEGORY);
    }
    DataCategory category = maybeCategory.get();
    Optional<CategorySchema> schema = schemas.current(category);
    if (schema.isEmpty()) {
      return Evaluated.rejected(id, ReasonCode.UNSUPPORTED_CATEGORY);
    }
    if (!registry.mayReport(furnisherId, category)) {
      return Evaluated.rejected(id, ReasonCode.FURNISHER_NOT_REGISTERED);
    }

    String dataJson = json(s.data());
    List<SchemaViolation> violations = schemas.validate(category, dataJson);
    if (!violations.isEmpty()) {
      return Evaluated.rejected(
          id,
          ReasonCode.SCHEMA_VIOLATION,
          "data does not match "
              + category
              + " v"
              + schema.get().version()
              + ": "
              + violations.stream()
                  .map(SchemaViolation::toString)
                  .collect(Collectors.joining("; ")),
          violations.stream().map(SchemaViolation::pointer).distinct().toList());
    }

    IdentifierHash identifier;
    try {
      identifier = hasher.hash(s.subject().identifierType(), s.subject().identifier());
    } catch (IllegalArgumentException e) {
      return Evaluated.rejected(id, ReasonCode.INVALID_IDENTIFIER);
    }
    Optional<KnownSubject> subject =
        context.subjects.computeIfAbsent(identifier, projection::findSubject);
    if (subject.isEmpty()) {
      return Evaluated.rejected(id, ReasonCode.UNKNOWN_SUBJECT);
    }
    String subjectId = subject.get().subjectId();
    if (subject.get().subjectType() != category.subjectType()) {
      return Evaluated.rejected(
          id,
          ReasonCode.CATEGORY_SUBJECT_MISMATCH,
          category
              + " records are about a "
              + category.subjectType()
              + ", not a "
              + subject.get().subjectType(),
          null);
    }
    if (ConsentGate.requiresConsent(category)) {
      List<CollectConsent> consents =
          context.consents.computeIfAbsent(
              subjectId, subjectKey -> projection.collectConsents(subjectKey, furnisherId));
      if (ConsentGate.permitting(consents, furnisherId, category, now).isEmpty()) {
        return Evaluated.rejected(id, ReasonCode.CONSENT_REQUIRED);
      }
    }

    String contentHash = ContentHash.of(category.name(), subjectId, s.data());
    UUID recordId = UUID.randomUUID();
    LocalDate reportedOn = reportedOn(s.data(), now);
    boolean inserted =
        records.insertIfNew(
            new NewRecord(
                recordId,
                furnisherId,
                id,
                subjectId,
                category.name(),
                schema.get().version(),
                dataJson,
                contentHash,
                reportedOn,
                now));
    if (!inserted) {
      Existing existing =
          records
              .find(furnisherId, id)
              .orElseThrow(() -> new IllegalStateException("Conflicting record vanished"));
      return existing.contentHash().equals(contentHash)
          ? Evaluated.duplicate(id, existing.id())
          : Evaluated.rejected(id, ReasonCode.RECORD_ID_REUSED);
    }
    outbox.append(
        topics.records(),
        EventCodec.envelope(
            Events.RECORD_ACCEPTED,
            subjectId,
            PRODUCER,
            new RecordAccepted(
                recordId, subjectId, furnisherId, id, category, reportedOn, s.data()),
            now));
    return Evaluated.accepted(id, recordId);
  }

  private static Optional<DataCategory> category(String name) {
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

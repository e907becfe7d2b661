package dev.credence.ingestion.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.credence.common.problem.ProblemException;
import dev.credence.common.problem.ProblemTypes;
import dev.credence.ingestion.config.IngestionConfig;
import dev.credence.ingestion.domain.AttributeViolation;
import dev.credence.ingestion.domain.Outcome;
import dev.credence.ingestion.domain.SensitiveAttributeScanner;
import dev.credence.ingestion.rest.dto.BatchResponse;
import dev.credence.ingestion.rest.dto.Reason;
import dev.credence.ingestion.rest.dto.RecordBatch;
import dev.credence.ingestion.rest.dto.RecordResult;
import dev.credence.ingestion.service.RecordProcessor.Evaluated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The JSON batch intake. Request-level checks first, each refusing the whole request with nothing
 * stored: batch size (413), prohibited attributes anywhere in the body (422), envelope structure
 * (400). Then every record gets its own outcome from {@link RecordProcessor}.
 */
@ApplicationScoped
public class IngestionService {
  private static final Logger LOG = Logger.getLogger(IngestionService.class);

  @Inject IngestionConfig config;
  @Inject SensitiveAttributeScanner scanner;
  @Inject RecordProcessor processor;
  @Inject IngestionMetrics metrics;
  @Inject ObjectMapper mapper;
  @Inject Validator validator;

  public BatchResponse submit(String furnisherId, JsonNode body) throws JsonProcessingException {
    if (body == null || !body.isObject()) {
      throw new ProblemException(
          ProblemTypes.MALFORMED_REQUEST,
          "The request body must be a JSON object with a 'records' array");
    }
    JsonNode records = body.get("records");
    if (records != null && records.isArray() && records.size() > config.maxBatchSize()) {
      metrics.refused("batch-too-large");
      throw new ProblemException(
          IngestionProblems.BATCH_TOO_LARGE,
          "A batch may hold at most "
              + config.maxBatchSize()
              + " records; this one holds "
              + records.size()
              + ". Split it, or use the streaming intake for large volumes.",
          Map.of("limit", config.maxBatchSize(), "received", records.size()));
    }
    refuseProhibitedAttributes(body);

    RecordBatch batch = mapper.treeToValue(body, RecordBatch.class);
    validate(batch);

    UUID batchId = UUID.randomUUID();
    List<Evaluated> evaluated =
        processor.process(
            batchId,
            furnisherId,
            batch.records().stream().map(r -> RecordProcessor.Item.of(null, r)).toList());
    evaluated.forEach(e -> metrics.record(e.outcome(), e.reason()));
    LOG.debugf("Batch %s of %s: %d records", batchId, furnisherId, evaluated.size());
    return response(batchId, evaluated);
  }

  void refuseProhibitedAttributes(JsonNode body) {
    List<AttributeViolation> violations = scanner.scan(body);
    if (violations.isEmpty()) {
      return;
    }
    metrics.refused("prohibited-attribute");
    AttributeViolation first = violations.get(0);
    String detail =
        "Field '"
            + first.field()
            + "' names a prohibited attribute ("
            + first.rule().attribute()
            + "; rule "
            + first.rule().name()
            + ", "
            + first.law()
            + ")"
            + (violations.size() > 1 ? " and " + (violations.size() - 1) + " more" : "")
            + ". Credence never accepts such data; nothing from this request was stored.";
    List<Map<String, String>> list =
        violations.stream()
            .map(
                v -> {
                  Map<String, String> m = new LinkedHashMap<>();
                  m.put("field", v.field());
                  m.put("rule", v.rule().name());
                  m.put("law", v.law());
                  return m;
                })
            .toList();
    throw new ProblemException(
        IngestionProblems.PROHIBITED_ATTRIBUTE, detail, Map.of("violations", list));
  }

  private void validate(RecordBatch batch) {
    Set<ConstraintViolation<RecordBatch>> violations = validator.validate(batch);
    if (violations.isEmpty()) {
      return;
    }
    List<Map<String, String>> errors =
        violations.stream()
            .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
            .map(v -> Map.of("field", v.getPropertyPath().toString(), "message", v.getMessage()))
            .toList();
    String detail =
        errors.stream()
            .map(m -> m.get("field") + ": " + m.get("message"))
            .collect(Collectors.joining("; "));
    throw new ProblemException(ProblemTypes.VALIDATION_FAILED, detail, Map.of("errors", errors));
  }

  private static BatchResponse response(UUID batchId, List<Evaluated> evaluated) {
    List<RecordResult> results =
        evaluated.stream()
            .map(
                e ->
                    new RecordResult(
                        e.furnisherRecordId(),
                        e.outcome(),
                        e.recordId(),
                        e.supersedes(),
                        e.reason() == null
                            ? null
                            : new Reason(e.reason().name(), e.message(), e.fields())))
            .toList();
    return new BatchResponse(
        batchId,
        results,
        new BatchResponse.Summary(
            count(evaluated, Outcome.ACCEPTED),
            count(evaluated, Outcome.SUPERSEDED),
            count(evaluated, Outcome.DUPLICATE),
            count(evaluated, Outcome.DELETED),
            count(evaluated, Outcome.REJECTED)));
  }

  private static int count(List<Evaluated> evaluated, Outcome outcome) {
    return (int) evaluated.stream().filter(e -> e.outcome() == outcome).count();
  }
}

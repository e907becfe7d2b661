package dev.credence.ingestion.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.credence.ingestion.domain.AttributeViolation;
import dev.credence.ingestion.domain.ControlCharacters;
import dev.credence.ingestion.domain.ReasonCode;
import dev.credence.ingestion.domain.SensitiveAttributeScanner;
import dev.credence.ingestion.rest.dto.RecordSubmission;
import dev.credence.ingestion.service.RecordProcessor.Item;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns one line of a bulk intake (an NDJSON line, a CSV row already made into JSON) into an {@link
 * Item}: a submission, or a line rejected on its own — malformed JSON, a control character, a
 * prohibited attribute, an incomplete envelope — without ever aborting the rest of the stream.
 */
@ApplicationScoped
public class BulkLines {
  @Inject ObjectMapper mapper;
  @Inject SensitiveAttributeScanner scanner;
  @Inject Validator validator;
  @Inject IngestionMetrics metrics;

  public Item parse(long lineNo, String line) {
    JsonNode node;
    try {
      node = mapper.readTree(line);
    } catch (JsonProcessingException e) {
      return Item.rejectedLine(
          lineNo,
          null,
          ReasonCode.MALFORMED_LINE,
          "The line is not valid JSON (column "
              + (e.getLocation() == null ? "?" : e.getLocation().getColumnNr())
              + ")");
    }
    return item(lineNo, node);
  }

  public Item item(long lineNo, JsonNode node) {
    if (node == null || !node.isObject()) {
      return Item.rejectedLine(lineNo, null, ReasonCode.MALFORMED_LINE, null);
    }
    // first, so that no rejection below carries such a character into the report (PostgreSQL
    // refuses U+0000 in text) or back to the caller
    Optional<String> envelopeField = ControlCharacters.inEnvelope(node);
    if (envelopeField.isPresent()) {
      return Item.rejectedLine(
          lineNo,
          null,
          ReasonCode.INVALID_ENVELOPE,
          "The record envelope is invalid: "
              + envelopeField.get()
              + " holds "
              + ControlCharacters.REFUSED);
    }
    JsonNode idNode = node.get("furnisherRecordId");
    String furnisherRecordId =
        idNode != null && idNode.isTextual() && idNode.textValue().length() <= 128
            ? idNode.textValue()
            : null;
    Optional<ControlCharacters.Found> inData = ControlCharacters.inData(node.get("data"));
    if (inData.isPresent()) {
      return Item.rejectedLine(
          lineNo,
          furnisherRecordId,
          ReasonCode.SCHEMA_VIOLATION,
          "data does not match its category's schema: "
              + inData.get().where()
              + " holds "
              + ControlCharacters.REFUSED,
          List.of(inData.get().pointer().isEmpty() ? "/" : inData.get().pointer()));
    }
    List<AttributeViolation> violations = scanner.scan(node);
    if (!violations.isEmpty()) {
      metrics.refused("prohibited-attribute");
      AttributeViolation first = violations.get(0);
      return Item.rejectedLine(
          lineNo,
          furnisherRecordId,
          ReasonCode.PROHIBITED_ATTRIBUTE,
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
              + "; nothing from this record was stored");
    }
    RecordSubmission submission;
    try {
      submission = mapper.treeToValue(node, RecordSubmission.class);
    } catch (JsonProcessingException e) {
      String field =
          e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u
              ? "unknown field '" + u.getPropertyName() + "'"
              : "a field has the wrong type";
      return Item.rejectedLine(
          lineNo,
          furnisherRecordId,
          ReasonCode.INVALID_ENVELOPE,
          "The record envelope is invalid: " + field);
    }
    Set<ConstraintViolation<RecordSubmission>> invalid = validator.validate(submission);
    if (!invalid.isEmpty()) {
      return Item.rejectedLine(
          lineNo,
          furnisherRecordId,
          ReasonCode.INVALID_ENVELOPE,
          invalid.stream()
              .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
              .map(v -> v.getPropertyPath() + ": " + v.getMessage())
              .collect(Collectors.joining("; ")));
    }
    return Item.of(lineNo, submission);
  }
}

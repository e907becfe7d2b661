package dev.credence.common.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.credence.common.identity.Ids;
import java.time.Instant;

/** Writes and reads envelopes. Framework-free so producer, consumer and tests share it. */
public final class EventCodec {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private EventCodec() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static <T> EventEnvelope envelope(
      EventType<T> type, String subjectId, String producer, T payload, Instant occurredAt) {
    return new EventEnvelope(
        Ids.timeOrdered(), // time-ordered: consumers' processed_event keys append (Ids)
        type.name(),
        type.version(),
        subjectId,
        occurredAt,
        producer,
        MAPPER.valueToTree(payload));
  }

  public static String write(EventEnvelope envelope) {
    try {
      return MAPPER.writeValueAsString(envelope);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Event could not be serialised: " + envelope.type(), e);
    }
  }

  /** Parses an envelope; anything structurally wrong is a {@link PoisonEventException}. */
  public static EventEnvelope read(String json) {
    EventEnvelope envelope;
    try {
      envelope = MAPPER.readValue(json, EventEnvelope.class);
    } catch (JsonProcessingException e) {
      // The message may echo input: keep only the location.
      throw new PoisonEventException("Unparseable event envelope at " + e.getLocation(), null);
    }
    if (envelope == null
        || envelope.eventId() == null
        || envelope.type() == null
        || envelope.subjectId() == null
        || envelope.occurredAt() == null
        || envelope.payload() == null) {
      throw new PoisonEventException(
          "Event envelope lacks eventId, type, subjectId, occurredAt or payload");
    }
    return envelope;
  }

  /** The payload as the given type; a different type name or a newer major version is poison. */
  public static <T> T payload(EventEnvelope envelope, EventType<T> type) {
    if (!type.name().equals(envelope.type())) {
      throw new PoisonEventException(
          "Expected event type " + type.name() + " but got " + envelope.type());
    }
    if (envelope.version() < 1 || envelope.version() > type.version()) {
      throw new PoisonEventException(
          "Unsupported version " + envelope.version() + " of " + type.name());
    }
    try {
      return MAPPER.treeToValue(envelope.payload(), type.payloadClass());
    } catch (JsonProcessingException e) {
      throw new PoisonEventException("Payload of " + type.name() + " does not match its schema");
    }
  }
}

package dev.credence.common.events;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Kafka headers every relayed event carries beside its envelope. {@value #TYPE} repeats the
 * envelope's {@code type}, so that a consumer interested in one type of a shared topic (consent
 * service reads only {@code dispute.updated} of the records topic) skips the others without parsing
 * them. The envelope stays the one source of truth: a consumer that acts on an event reads its type
 * from the envelope, and a record without the header (published before it existed) is parsed as
 * before.
 */
public final class EventHeaders {
  public static final String TYPE = "credence-event-type";

  private EventHeaders() {}

  public static RecordHeader type(String type) {
    return new RecordHeader(TYPE, type.getBytes(StandardCharsets.UTF_8));
  }

  /** The type header of a record; null when it has none. */
  public static String type(Headers headers) {
    Header last = headers == null ? null : headers.lastHeader(TYPE);
    return last == null || last.value() == null
        ? null
        : new String(last.value(), StandardCharsets.UTF_8);
  }
}

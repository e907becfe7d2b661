package dev.credence.scoring.messaging;

import dev.credence.common.events.PoisonEventException;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The batch consumers' own dead-letter sender: a poll's poison event goes to the dead-letter topic
 * on its own, with the headers SmallRye's failure strategy writes ({@code dead-letter-reason},
 * {@code -topic}, {@code -partition}, {@code -offset}), and the rest of the poll is applied.
 */
@ApplicationScoped
public class DeadLetters {
  private static final Logger LOG = Logger.getLogger(DeadLetters.class);

  /** One record of a poll: where it came from and its text (topic null: not from Kafka). */
  public record In(String topic, int partition, long offset, String key, String json) {
    /** A message handed over without its Kafka coordinates (tests, replays). */
    public static In of(String json) {
      return new In(null, -1, -1, null, json);
    }
  }

  @Inject
  @Channel("dead-letters")
  Emitter<String> deadLetters;

  public void send(In in, PoisonEventException e) {
    // the reason only: an event carries subject ids
    LOG.warnf(
        "Poison event from %s sent to the dead-letter topic: %s",
        in.topic() == null ? "a direct call" : in.topic(), e.getMessage());
    RecordHeaders headers = new RecordHeaders();
    headers.add("dead-letter-reason", bytes(e.getMessage()));
    if (in.topic() != null) {
      headers.add("dead-letter-topic", bytes(in.topic()));
      headers.add("dead-letter-partition", bytes(String.valueOf(in.partition())));
      headers.add("dead-letter-offset", bytes(String.valueOf(in.offset())));
    }
    OutgoingKafkaRecordMetadata.OutgoingKafkaRecordMetadataBuilder<String> metadata =
        OutgoingKafkaRecordMetadata.<String>builder().withHeaders(headers);
    if (in.key() != null) {
      metadata.withKey(in.key());
    }
    deadLetters.send(Message.of(in.json() == null ? "" : in.json()).addMetadata(metadata.build()));
  }

  private static byte[] bytes(String s) {
    return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
  }
}

package dev.credence.common.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.credence.common.events.PoisonEventException;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

class DeadLetterTest {
  /** An emitter that hands each message to {@code broker}, which acks or nacks it. */
  static final class FakeEmitter implements Emitter<String> {
    final List<Message<String>> sent = new ArrayList<>();
    final Consumer<Message<String>> broker;

    FakeEmitter(Consumer<Message<String>> broker) {
      this.broker = broker;
    }

    @Override
    public CompletionStage<Void> send(String payload) {
      throw new UnsupportedOperationException();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <M extends Message<? extends String>> void send(M message) {
      sent.add((Message<String>) message);
      broker.accept((Message<String>) message);
    }

    @Override
    public void complete() {}

    @Override
    public void error(Exception e) {}

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public boolean hasRequests() {
      return true;
    }
  }

  private static final DeadLetter.In POISON =
      new DeadLetter.In("credence.consent.v1", 3, 42L, "subject-key", "{not json");

  @Test
  void goesUnderItsKeyWithWhereAndWhyAndReturnsOnceTheBrokerAcknowledged() {
    FakeEmitter emitter = new FakeEmitter(Message::ack);
    DeadLetter.send(emitter, POISON, new PoisonEventException("Unparseable event envelope"));

    assertEquals(1, emitter.sent.size());
    Message<String> m = emitter.sent.get(0);
    assertEquals("{not json", m.getPayload());
    @SuppressWarnings("unchecked")
    OutgoingKafkaRecordMetadata<String> meta =
        m.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow();
    assertEquals("subject-key", meta.getKey());
    assertEquals("Unparseable event envelope", header(meta, "dead-letter-reason"));
    assertEquals("credence.consent.v1", header(meta, "dead-letter-topic"));
    assertEquals("3", header(meta, "dead-letter-partition"));
    assertEquals("42", header(meta, "dead-letter-offset"));
  }

  @Test
  void aRefusedDeadLetterFailsThePollInsteadOfVanishing() {
    FakeEmitter emitter = new FakeEmitter(m -> m.nack(new RuntimeException("not leader")));
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> DeadLetter.send(emitter, POISON, new PoisonEventException("bad")));
    assertTrue(e.getMessage().contains("credence.consent.v1 partition 3 offset 42"));
    assertTrue(!e.getMessage().contains("{not json"), "never the record's content");
  }

  private static String header(OutgoingKafkaRecordMetadata<String> meta, String name) {
    return new String(meta.getHeaders().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}

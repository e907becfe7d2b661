package dev.credence.common.messaging;

import dev.credence.common.events.PoisonEventException;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * A batch consumer's poison record on its way to the dead-letter topic, on its own: under its
 * original key, with the headers SmallRye's failure strategy writes ({@code dead-letter-reason},
 * {@code -topic}, {@code -partition}, {@code -offset}), and <b>acknowledged by the broker before
 * the consumer goes on</b>. Fire and forget, a refused or timed-out send lost the record while the
 * poll's offset was committed anyway; now the send's failure fails the poll, which is read again.
 * One implementation for every service's batch consumers (each injects its own channel).
 */
public final class DeadLetter {
  /** How long a dead letter may take to be acknowledged before the poll fails. */
  public static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);

  private DeadLetter() {}

  /** One record of a poll: where it came from and its text (topic null: not from Kafka). */
  public record In(String topic, int partition, long offset, String key, String json) {
    /** A message handed over without its Kafka coordinates (tests, replays). */
    public static In of(String json) {
      return new In(null, -1, -1, null, json);
    }

    /** Where the record is, for a log line: never its content. */
    public String where() {
      return topic == null
          ? "a direct call"
          : topic + " partition " + partition + " offset " + offset;
    }
  }

  /**
   * Sends {@code in} to the dead-letter channel behind {@code emitter} and waits for the broker's
   * acknowledgement.
   *
   * @throws IllegalStateException when the broker refuses it or does not answer within {@link
   *     #ACK_TIMEOUT}: the caller's poll must fail, not move on
   */
  public static void send(Emitter<String> emitter, In in, PoisonEventException reason) {
    CompletableFuture<Void> acked = new CompletableFuture<>();
    emitter.send(
        message(in, reason)
            .withAck(
                () -> {
                  acked.complete(null);
                  return CompletableFuture.completedFuture(null);
                })
            .withNack(
                failure -> {
                  acked.completeExceptionally(failure);
                  return CompletableFuture.completedFuture(null);
                }));
    try {
      acked.get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while dead-lettering " + in.where(), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "The dead-letter topic did not take the record at " + in.where(), e);
    }
  }

  /** The dead letter for {@code in}: its text, its key, and the headers naming where and why. */
  static Message<String> message(In in, PoisonEventException reason) {
    RecordHeaders headers = new RecordHeaders();
    headers.add("dead-letter-reason", bytes(reason.getMessage()));
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
    return Message.of(in.json() == null ? "" : in.json()).addMetadata(metadata.build());
  }

  private static byte[] bytes(String s) {
    return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
  }
}

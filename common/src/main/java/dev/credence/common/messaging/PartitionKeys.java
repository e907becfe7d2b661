package dev.credence.common.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;

/**
 * Message keys that land on chosen partitions: the relay publishes every outbox row by its key
 * (Kafka's built-in partitioner, murmur2 of the key's UTF-8 bytes modulo the partition count), so a
 * marker meant for every partition needs one key per partition. Found by trying {@code prefix + 0},
 * {@code prefix + 1}, … until every partition has one; deterministic for a given prefix and count.
 */
public final class PartitionKeys {
  /** Far more than needed: with n partitions about n·ln(n) tries cover them all. */
  private static final int MAX_TRIES = 1_000_000;

  private PartitionKeys() {}

  /** The partition Kafka's default partitioner sends a record with this key to. */
  public static int partitionOf(String key, int partitions) {
    return BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), partitions);
  }

  /** Element {@code p} is a key that lands on partition {@code p}. */
  public static List<String> covering(String prefix, int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
    }
    List<String> keys = new ArrayList<>(Collections.nCopies(partitions, (String) null));
    int missing = partitions;
    for (int i = 0; i < MAX_TRIES && missing > 0; i++) {
      String key = prefix + i;
      int p = partitionOf(key, partitions);
      if (keys.get(p) == null) {
        keys.set(p, key);
        missing--;
      }
    }
    if (missing > 0) {
      throw new IllegalStateException(
          "no key found for every one of " + partitions + " partitions");
    }
    return List.copyOf(keys);
  }
}

package dev.credence.common.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/**
 * The keys cover every partition. That a real producer sends them there is checked against the
 * broker by consent-service's {@code ConsentHeartbeatsIT} (the partition each marker arrived on).
 */
class PartitionKeysTest {

  @Test
  void everyPartitionGetsItsOwnKey() {
    for (int n : new int[] {1, 2, 3, 6, 12, 50}) {
      List<String> keys = PartitionKeys.covering("consent-heartbeat:", n);
      assertEquals(n, keys.size());
      assertEquals(n, new HashSet<>(keys).size(), "distinct keys");
      for (int p = 0; p < n; p++) {
        assertEquals(p, PartitionKeys.partitionOf(keys.get(p), n), keys.get(p) + " of " + n);
        // Kafka's documented rule for a keyed record: murmur2 of the key bytes, made positive,
        // modulo the partition count
        byte[] bytes = keys.get(p).getBytes(StandardCharsets.UTF_8);
        assertEquals(p, Utils.toPositive(Utils.murmur2(bytes)) % n);
      }
    }
  }

  @Test
  void deterministic() {
    assertEquals(PartitionKeys.covering("k", 6), PartitionKeys.covering("k", 6));
  }

  @Test
  void refusesNoPartitions() {
    assertThrows(IllegalArgumentException.class, () -> PartitionKeys.covering("k", 0));
  }
}

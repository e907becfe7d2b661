package dev.credence.common.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {
  @Test
  void areVersion7AndCarryTheCurrentTime() {
    long before = System.currentTimeMillis();
    UUID id = Ids.timeOrdered();
    long after = System.currentTimeMillis();

    assertEquals(7, id.version());
    assertEquals(2, id.variant()); // RFC 9562
    long millis = id.getMostSignificantBits() >>> 16;
    assertTrue(millis >= before && millis <= after, millis + " not in [" + before + ", " + after);
  }

  @Test
  void areUniqueAndIncreaseInTheOrderPostgreSqlSortsThem() {
    Set<UUID> seen = new HashSet<>();
    String previous = Ids.timeOrdered().toString();
    for (int i = 0; i < 100_000; i++) {
      UUID id = Ids.timeOrdered();
      assertTrue(seen.add(id), "duplicate " + id);
      // PostgreSQL orders uuid by its bytes, as the hex string sorts
      assertTrue(id.toString().compareTo(previous) > 0, id + " not after " + previous);
      previous = id.toString();
    }
  }
}

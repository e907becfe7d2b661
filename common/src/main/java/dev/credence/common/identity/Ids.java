package dev.credence.common.identity;

import java.util.UUID;
import org.hibernate.id.uuid.UuidVersion7Strategy;

/**
 * Identifiers for rows written at a high rate (events, outbox rows, disclosures, inquiries,
 * records): time-ordered UUIDs (RFC 9562 version 7: 48 bits of Unix milliseconds, then random
 * bits), from Hibernate ORM's generator, which the services already carry.
 *
 * <p>Why: a random (version 4) key lands on a random leaf of its B-tree index, so every insert
 * touched a different page, and the first change to a page after each checkpoint writes the whole 8
 * kB page to the WAL. On the score path that was 119,510 full-page images, 905 MB of WAL, in 20 s
 * (18 kB per score, docs/benchmarks.md). A time-ordered key is appended at the right edge of the
 * index, where the pages are already hot. The time in the id is no secret: every one of these rows
 * also carries its creation time, and no id is used as a capability (access is checked on the
 * caller).
 */
public final class Ids {
  private Ids() {}

  /** A new version 7 UUID, later in UUID order than the previous one from this JVM. */
  public static UUID timeOrdered() {
    return UuidVersion7Strategy.INSTANCE.generateUuid(null);
  }
}

package dev.credence.consent.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.credence.common.outbox.OutboxJanitor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OutboxJanitorTest {
  @Inject OutboxJanitor janitor;
  @Inject EntityManager em;

  private UUID insert(String createdAgo, String publishedAgo) {
    UUID id = UUID.randomUUID();
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                em.createNativeQuery(
                        "insert into outbox_event (id, topic, message_key, type, payload, created_at,"
                            + " published_at) values (?1, 'janitor-test', 'k', 't', '{}',"
                            + " now() - cast(?2 as interval),"
                            + " case when ?3 = '' then null else now() - cast(?3 as interval) end)")
                    .setParameter(1, id)
                    .setParameter(2, createdAgo)
                    .setParameter(3, publishedAgo)
                    .executeUpdate());
    return id;
  }

  private long exists(UUID id) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((Number)
                        em.createNativeQuery("select count(*) from outbox_event where id = ?1")
                            .setParameter(1, id)
                            .getSingleResult())
                    .longValue());
  }

  @Test
  void purgesOnlyEventsPublishedLongerAgoThanTheRetention() {
    UUID oldPublished = insert("9 days", "8 days");
    UUID recentPublished = insert("2 days", "1 day");
    UUID oldUnpublished = insert("9 days", "");

    janitor.purgePublished();

    assertEquals(0, exists(oldPublished), "published 8 days ago: purged");
    assertEquals(1, exists(recentPublished), "published yesterday: kept");
    assertEquals(1, exists(oldUnpublished), "never published: kept whatever its age");
  }
}

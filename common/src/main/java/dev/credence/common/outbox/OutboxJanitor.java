package dev.credence.common.outbox;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Deletes outbox rows some time after they were published (Kafka holds the events; the rows are
 * only kept for diagnosis). Unpublished rows are never touched.
 */
@ApplicationScoped
public class OutboxJanitor {
  private static final Logger LOG = Logger.getLogger(OutboxJanitor.class);

  @Inject EntityManager em;

  @ConfigProperty(name = "credence.outbox.retention", defaultValue = "P7D")
  Duration retention;

  @Scheduled(
      every = "${credence.outbox.cleanup-interval:1h}",
      delayed = "1m",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  @Transactional
  public void purgePublished() {
    int deleted =
        em.createNativeQuery(
                "delete from outbox_event where published_at is not null"
                    + " and published_at < now() - cast(?1 as interval)")
            .setParameter(1, retention.toSeconds() + " seconds")
            .executeUpdate();
    if (deleted > 0) {
      LOG.infof("Purged %d published outbox events older than %s", deleted, retention);
    }
  }
}

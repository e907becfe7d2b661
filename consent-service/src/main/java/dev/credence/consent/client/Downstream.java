package dev.credence.consent.client;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.util.function.Supplier;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * What the other services hold about the caller, fetched with the caller's token. A failure is an
 * answer too: {@link Section#available()} false with a reason that names the service and the kind
 * of failure (never personal data), so a data export still returns.
 */
@ApplicationScoped
public class Downstream {
  private static final Logger LOG = Logger.getLogger(Downstream.class);

  @Inject @RestClient IngestionClient ingestion;
  @Inject @RestClient ScoringClient scoring;

  /** A section fetched from another service, or why it could not be. */
  public record Section(boolean available, JsonNode data, String reason) {
    public static Section of(JsonNode data) {
      return new Section(true, data, null);
    }

    public static Section unavailable(String reason) {
      return new Section(false, null, reason);
    }
  }

  /** The records ingestion-service holds about the caller. */
  public Section records() {
    return fetch("ingestion-service", ingestion::myRecords);
  }

  /** The caller's score and its explanation from scoring-service. */
  public Section score() {
    return fetch("scoring-service", scoring::myScore);
  }

  private static Section fetch(String service, Supplier<JsonNode> call) {
    try {
      return Section.of(call.get());
    } catch (WebApplicationException e) {
      int status = e.getResponse() == null ? 0 : e.getResponse().getStatus();
      LOG.warnf("%s answered HTTP %d", service, status);
      return Section.unavailable(service + " answered HTTP " + status);
    } catch (RuntimeException e) {
      LOG.warnf("%s unreachable: %s", service, e.getClass().getSimpleName());
      return Section.unavailable(
          service + " could not be reached (" + rootCause(e).getClass().getSimpleName() + ")");
    }
  }

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }
}

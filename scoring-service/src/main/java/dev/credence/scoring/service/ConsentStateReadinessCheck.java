package dev.credence.scoring.service;

import dev.credence.scoring.config.ScoringConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until the consent state has been proven fresh once since start (the consumer has caught
 * up and consent-service's heartbeats arrive), so a starting replica takes no lender traffic it
 * would only refuse. Later staleness does not take the replica out of the service: every replica
 * shares the same projection, so all would go at once and lenders would get the ingress's bare 503
 * instead of a problem naming the reason; the lag is reported here, in {@code
 * credence_scoring_consent_lag_seconds}, and alerted on.
 */
@Readiness
@ApplicationScoped
public class ConsentStateReadinessCheck implements HealthCheck {
  @Inject ConsentStateGuard guard;
  @Inject ScoringConfig config;
  @Inject Clock clock;

  @Override
  public HealthCheckResponse call() {
    Duration lag = guard.state().lag(Instant.now(clock));
    return HealthCheckResponse.named("consent-state")
        .status(guard.everFresh())
        .withData("enforced", config.consentState().enforce())
        .withData("lagMillis", lag == null ? "unknown" : String.valueOf(lag.toMillis()))
        .withData("maxLagMillis", config.consentState().maxLag().toMillis())
        .build();
  }
}

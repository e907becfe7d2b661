package dev.credence.ingestion.config;

import dev.credence.ingestion.domain.CategorySchemas;
import dev.credence.ingestion.domain.FurnisherRegistry;
import dev.credence.ingestion.domain.RetentionPolicy;
import dev.credence.ingestion.domain.SensitiveAttributeScanner;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;

/** Wires the plain-Java domain pieces into CDI. */
public class IngestionProducers {

  /** "Now" for the consent gate and timestamps; tests replace it with a controllable clock. */
  @Produces
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }

  @Produces
  @Singleton
  CategorySchemas categorySchemas() {
    return CategorySchemas.load();
  }

  @Produces
  @Singleton
  SensitiveAttributeScanner sensitiveAttributeScanner() {
    return new SensitiveAttributeScanner();
  }

  @Produces
  @Singleton
  FurnisherRegistry furnisherRegistry(IngestionConfig config) {
    return FurnisherRegistry.parse(config.furnisherRegistry().orElse(""));
  }

  @Produces
  @Singleton
  RetentionPolicy retentionPolicy(IngestionConfig config) {
    IngestionConfig.Retention r = config.retention();
    return new RetentionPolicy(
        r.negativeItems(),
        r.bankruptcies(),
        Map.of(
            "MINOR", r.penaltyMinor(),
            "MODERATE", r.penaltyModerate(),
            "MAJOR", r.penaltyMajor(),
            "SEVERE", r.penaltySevere()));
  }
}

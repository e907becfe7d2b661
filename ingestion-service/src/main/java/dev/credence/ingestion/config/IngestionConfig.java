package dev.credence.ingestion.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

@ConfigMapping(prefix = "credence.ingestion")
public interface IngestionConfig {
  /** Most records accepted in one {@code POST /v1/records}; a larger batch is refused whole. */
  @WithDefault("1000")
  int maxBatchSize();

  /**
   * The furnisher registry: {@code client:CATEGORY,CATEGORY;client2:CATEGORY}. A furnisher not
   * listed may report nothing.
   */
  Optional<String> furnisherRegistry();
}

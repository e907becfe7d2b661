package dev.credence.scoring.service;

import dev.credence.scoring.config.ScoringConfig;
import dev.credence.scoring.domain.InvalidScorecardException;
import dev.credence.scoring.domain.RatingModel;
import dev.credence.scoring.domain.RatingModelReader;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Loads and validates the organisation rating model at startup (from {@code
 * credence.scoring.model-directory} when it holds the file, else the built-in {@code models/}); an
 * invalid or missing model stops the service naming every problem.
 */
@Startup
@ApplicationScoped
public class OrganisationModelCatalog {
  private static final Logger LOG = Logger.getLogger(OrganisationModelCatalog.class);

  @Inject ScoringConfig config;

  private RatingModel model;

  @PostConstruct
  void load() {
    String key = config.organisationModel();
    try (InputStream in = open(key)) {
      model = new RatingModelReader().read(key, in);
    } catch (IOException e) {
      throw new InvalidScorecardException(key, List.of("cannot be read: " + e.getMessage()));
    }
    if (!model.key().equals(key)) {
      throw new InvalidScorecardException(
          key, List.of("the file declares " + model.key() + ", not " + key));
    }
    LOG.infof("Organisation rating model %s loaded", model.key());
  }

  /** The model that rates organisations. */
  public RatingModel organisationModel() {
    return model;
  }

  private InputStream open(String key) throws IOException {
    String file = key + ".json";
    if (config.modelDirectory().isPresent()) {
      Path path = Path.of(config.modelDirectory().get()).resolve(file);
      if (Files.isRegularFile(path)) {
        return Files.newInputStream(path);
      }
    }
    InputStream in =
        Thread.currentThread().getContextClassLoader().getResourceAsStream("models/" + file);
    if (in == null) {
      throw new InvalidScorecardException(key, List.of("no model file " + file));
    }
    return in;
  }
}

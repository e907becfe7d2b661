package dev.credence.scoring.service;

import dev.credence.scoring.config.ScoringConfig;
import dev.credence.scoring.domain.InvalidScorecardException;
import dev.credence.scoring.domain.RatingModel;
import dev.credence.scoring.domain.RatingModelReader;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Loads and validates the configured organisation rating model at startup (from {@code
 * credence.scoring.model-directory} when it holds the file, else the built-in {@code models/}); an
 * invalid or missing model stops the service naming every problem. The configured model rates until
 * the registry ({@link ModelRegistryService}) has an {@code ORGANISATION} champion: at first start
 * the registry registers the configured model as that champion, and from then on the registry's
 * champion rates (it is followed here through {@link #use}).
 */
@Startup
@ApplicationScoped
public class OrganisationModelCatalog {
  private static final Logger LOG = Logger.getLogger(OrganisationModelCatalog.class);

  @Inject ScoringConfig config;

  private RatingModel configured;
  private String configuredDefinition;
  private volatile RatingModel model;

  @PostConstruct
  void load() {
    String key = config.organisationModel();
    try (InputStream in = open(key)) {
      configuredDefinition = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidScorecardException(key, List.of("cannot be read: " + e.getMessage()));
    }
    configured = read(key, configuredDefinition);
    if (!configured.key().equals(key)) {
      throw new InvalidScorecardException(
          key, List.of("the file declares " + configured.key() + ", not " + key));
    }
    model = configured;
    LOG.infof("Organisation rating model %s loaded", configured.key());
  }

  /** Reads and validates a rating model definition; {@code source} names it in the problems. */
  public static RatingModel read(String source, String definition) {
    return new RatingModelReader()
        .read(source, new ByteArrayInputStream(definition.getBytes(StandardCharsets.UTF_8)));
  }

  /** The model that rates organisations now: the registry's champion once it has one. */
  public RatingModel organisationModel() {
    return model;
  }

  /** The model {@code credence.scoring.organisation-model} names. */
  public RatingModel configuredModel() {
    return configured;
  }

  /** The configured model's file, as read (the registry stores it verbatim). */
  public String configuredDefinition() {
    return configuredDefinition;
  }

  /** Rates organisations with {@code champion} from now on (the registry's champion). */
  public void use(RatingModel champion) {
    model = champion;
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

package dev.credence.scoring.service;

import dev.credence.scoring.config.ScoringConfig;
import dev.credence.scoring.domain.FeatureCatalog;
import dev.credence.scoring.domain.InvalidScorecardException;
import dev.credence.scoring.domain.Scorecard;
import dev.credence.scoring.domain.ScorecardReader;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Loads and validates the configured models at startup; an invalid or missing model stops the
 * service with a message naming every problem, so nothing is ever scored with a broken model.
 */
@Startup
@ApplicationScoped
public class ModelCatalog {
  private static final Logger LOG = Logger.getLogger(ModelCatalog.class);
  private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9.-]*-v[A-Za-z0-9.]+");

  @Inject ScoringConfig config;

  private Scorecard configured;
  private volatile Scorecard person;

  @PostConstruct
  void load() {
    configured = load(config.personModel());
    person = configured;
    if (!"PERSON".equals(person.subjectType())) {
      throw new InvalidScorecardException(
          person.key(), List.of("credence.scoring.person-model must name a PERSON model"));
    }
    LOG.infof(
        "Person model %s loaded: %d features, totals %d..%d on scale %d..%d",
        person.key(),
        person.features().size(),
        person.minimumTotal(),
        person.maximumTotal(),
        person.scaling().min(),
        person.scaling().max());
  }

  /** The scorecard that scores persons: the registry's champion once there is one. */
  public Scorecard personModel() {
    return person;
  }

  /** The model named by {@code credence.scoring.person-model}. */
  public Scorecard configuredPersonModel() {
    return configured;
  }

  /** Switches the person model (called by {@link ModelRegistryService} for a new champion). */
  public void usePersonModel(Scorecard card) {
    if (!"PERSON".equals(card.subjectType())) {
      throw new IllegalArgumentException(card.key() + " is not a PERSON model");
    }
    person = card;
  }

  Scorecard load(String key) {
    if (!KEY.matcher(key).matches()) {
      throw new InvalidScorecardException(
          key, List.of("a model key looks like <id>-v<version>, e.g. person-starter-v1"));
    }
    ScorecardReader reader = new ScorecardReader(FeatureCatalog.names());
    Scorecard card;
    try (InputStream in = open(key)) {
      card = reader.read(key, in);
    } catch (IOException e) {
      throw new InvalidScorecardException(key, List.of("cannot be read: " + e.getMessage()));
    }
    if (!card.key().equals(key)) {
      throw new InvalidScorecardException(
          key,
          List.of(
              "the file declares id '"
                  + card.id()
                  + "' version '"
                  + card.version()
                  + "', which is "
                  + card.key()
                  + ", not "
                  + key));
    }
    return card;
  }

  /**
   * The validation report shipped beside a model file ({@code <key>.report.json}, in the model
   * directory or the built-in models/), if there is one. A report that names another model is a
   * packaging mistake and stops the start.
   */
  public java.util.Optional<com.fasterxml.jackson.databind.JsonNode> shippedReport(String key) {
    String file = key + ".report.json";
    try (InputStream in = openOptional(file)) {
      if (in == null) {
        return java.util.Optional.empty();
      }
      com.fasterxml.jackson.databind.JsonNode report =
          new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
      if (!key.equals(report.path("model").asText())) {
        throw new InvalidScorecardException(
            key, List.of(file + " is the report of '" + report.path("model").asText() + "'"));
      }
      return java.util.Optional.of(report);
    } catch (IOException e) {
      throw new InvalidScorecardException(
          key, List.of(file + " cannot be read: " + e.getMessage()));
    }
  }

  private InputStream openOptional(String file) throws IOException {
    if (config.modelDirectory().isPresent()) {
      Path path = Path.of(config.modelDirectory().get()).resolve(file);
      if (Files.isRegularFile(path)) {
        return Files.newInputStream(path);
      }
    }
    return Thread.currentThread().getContextClassLoader().getResourceAsStream("models/" + file);
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
      throw new InvalidScorecardException(
          key,
          List.of(
              "no model file "
                  + file
                  + " in "
                  + config.modelDirectory().map(d -> d + " or ").orElse("")
                  + "the built-in models/"));
    }
    return in;
  }
}

package dev.credence.scoring.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.credence.common.problem.ProblemException;
import dev.credence.common.problem.ProblemTypes;
import dev.credence.scoring.domain.FeatureCatalog;
import dev.credence.scoring.domain.InvalidScorecardException;
import dev.credence.scoring.domain.ModelStatus;
import dev.credence.scoring.domain.RatingModel;
import dev.credence.scoring.domain.Scorecard;
import dev.credence.scoring.domain.ScorecardReader;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The model registry: every model the service may use, its status ({@link ModelStatus}) with an
 * append-only history of who changed it and why, and its validation report. Person models are
 * scorecards, organisation models are rating models (a definition whose {@code subjectType} is
 * {@code ORGANISATION}); each kind is validated by its own reader when it is registered. The {@code
 * PERSON} champion is the model that scores ({@link ModelCatalog} follows it); the challenger
 * scores in shadow ({@link ShadowScoring}). The {@code ORGANISATION} champion is the rating model
 * that rates ({@link OrganisationModelCatalog} follows it), and its challenger rates in shadow like
 * the person challenger. At first start each configured model is registered as its subject type's
 * champion; after that the registry decides, and every instance re-reads it every 30 s.
 */
@ApplicationScoped
public class ModelRegistryService {
  private static final Logger LOG = Logger.getLogger(ModelRegistryService.class);
  static final String PERSON = "PERSON";
  static final String ORGANISATION = "ORGANISATION";

  @Inject EntityManager em;
  @Inject ModelCatalog catalog;
  @Inject OrganisationModelCatalog organisationCatalog;
  @Inject ObjectMapper json;
  @Inject Clock clock;

  private volatile Scorecard personChallenger;
  private volatile RatingModel organisationChallenger;

  public record Summary(
      String key,
      String id,
      String version,
      String subjectType,
      ModelStatus status,
      String registeredBy,
      Instant registeredAt,
      Instant updatedAt) {}

  public record StatusChange(
      ModelStatus from, ModelStatus to, String actor, String reason, Instant changedAt) {}

  public record Detail(
      Summary model, JsonNode definition, JsonNode validationReport, List<StatusChange> history) {}

  /** Champion vs challenger over the challenger's shadow scores (aggregates only). */
  public record Comparison(
      String subjectType,
      String champion,
      String challenger,
      long requests,
      long bothScored,
      Double meanChampionScore,
      Double meanChallengerScore,
      Double meanAbsoluteDifference,
      Double bandAgreement,
      long outcomeDisagreements) {}

  /**
   * Held by the start that seeds: replicas starting together on a fresh database (the Kubernetes
   * overlay runs at least two) would each find no champion and register the configured models, and
   * all but one would fail to start on a duplicate key. Under this transaction-scoped lock one
   * seeds and the others then find its champions and follow them.
   */
  static final long SEED_LOCK = 0x63726564_72656731L; // "credreg1"

  @Transactional
  void onStart(@Observes StartupEvent event) {
    em.createNativeQuery("select pg_advisory_xact_lock(?1)")
        .setParameter(1, SEED_LOCK)
        .getSingleResult();
    sync(true);
  }

  @Scheduled(every = "30s", delayed = "30s")
  @Transactional
  void refresh() {
    sync(false);
  }

  /**
   * Registers each configured model as its subject type's champion when that type has none; follows
   * the champions.
   */
  private void sync(boolean seed) {
    Scorecard configured = catalog.configuredPersonModel();
    Optional<String> champion = keyWithStatus(PERSON, ModelStatus.CHAMPION);
    if (champion.isEmpty() && seed) {
      if (find(configured.key()).isEmpty()) {
        String definition = toJson(configured);
        parse(configured.key(), definition); // the stored definition must read back as it scores
        insertRegistered(
            configured.key(),
            configured.id(),
            configured.version(),
            PERSON,
            definition,
            catalog.shippedReport(configured.key()).orElse(null),
            "system");
      }
      seedChampion(configured.key(), "person model (credence.scoring.person-model)");
      champion = Optional.of(configured.key());
    }
    if (seed) {
      attachShippedReport(configured.key());
    }
    if (champion.isPresent() && !champion.get().equals(catalog.personModel().key())) {
      catalog.usePersonModel(scorecard(champion.get()));
      LOG.infof("Person model %s is the registry's champion and now scores", champion.get());
    }
    personChallenger =
        keyWithStatus(PERSON, ModelStatus.CHALLENGER).map(this::scorecard).orElse(null);

    RatingModel configuredRating = organisationCatalog.configuredModel();
    Optional<String> ratingChampion = keyWithStatus(ORGANISATION, ModelStatus.CHAMPION);
    if (ratingChampion.isEmpty() && seed) {
      if (find(configuredRating.key()).isEmpty()) {
        insert(
            configuredRating.key(),
            configuredRating.id(),
            configuredRating.version(),
            ORGANISATION,
            organisationCatalog.configuredDefinition());
      }
      seedChampion(
          configuredRating.key(), "organisation model (credence.scoring.organisation-model)");
      ratingChampion = Optional.of(configuredRating.key());
    }
    if (ratingChampion.isPresent()
        && !ratingChampion.get().equals(organisationCatalog.organisationModel().key())) {
      organisationCatalog.use(ratingModel(ratingChampion.get()));
      LOG.infof(
          "Organisation model %s is the registry's champion and now rates", ratingChampion.get());
    }
    organisationChallenger =
        keyWithStatus(ORGANISATION, ModelStatus.CHALLENGER).map(this::ratingModel).orElse(null);
  }

  private void seedChampion(String key, String what) {
    changeStatus(
        key, ModelStatus.CHAMPION, "system", "configured " + what + " at first start", true);
  }

  /** The person challenger that scores in shadow, or null. */
  public Scorecard personChallenger() {
    return personChallenger;
  }

  /** The organisation challenger that rates in shadow, or null. */
  public RatingModel organisationChallenger() {
    return organisationChallenger;
  }

  @Transactional
  public Detail register(JsonNode definition, JsonNode report, String actor) {
    if (definition == null || !definition.isObject()) {
      throw new ProblemException(
          ProblemTypes.VALIDATION_FAILED, "definition: the model file (a JSON object) is required");
    }
    String key;
    String id;
    String version;
    String subjectType;
    if (ORGANISATION.equals(definition.path("subjectType").asText())) {
      RatingModel rating = parseRating("definition", definition.toString());
      key = rating.key();
      id = rating.id();
      version = rating.version();
      subjectType = ORGANISATION;
    } else {
      Scorecard card = parse("definition", definition.toString());
      key = card.key();
      id = card.id();
      version = card.version();
      subjectType = card.subjectType();
    }
    // one statement decides: two operators registering the same key at once get one 201 and one
    // 409, never a unique violation
    if (!insertRegistered(key, id, version, subjectType, definition.toString(), report, actor)) {
      throw new ProblemException(
          ModelProblems.MODEL_EXISTS,
          "Model " + key + " is already registered; a changed model needs a new version.",
          Map.of("model", key));
    }
    return detail(key);
  }

  @Transactional
  public Detail transition(String key, ModelStatus to, String reason, String actor) {
    if (reason == null || reason.isBlank()) {
      throw new ProblemException(
          ProblemTypes.VALIDATION_FAILED, "reason: say why the status changes");
    }
    if (to == null) {
      throw new ProblemException(
          ProblemTypes.VALIDATION_FAILED,
          "status: one of DRAFT, VALIDATED, CHAMPION, CHALLENGER, RETIRED");
    }
    changeStatus(key, to, actor, reason, false);
    sync(false);
    return detail(key);
  }

  private void changeStatus(
      String key, ModelStatus to, String actor, String reason, boolean seeding) {
    Object[] row = lock(key);
    ModelStatus from = ModelStatus.valueOf((String) row[0]);
    String subjectType = (String) row[1];
    boolean hasReport = row[2] != null;
    if (!seeding && !from.canBecome(to)) {
      throw new ProblemException(
          ModelProblems.TRANSITION_NOT_ALLOWED,
          "Model "
              + key
              + " is "
              + from
              + "; from there it can become "
              + (from.next().isEmpty()
                  ? "nothing (final, or retired only by promoting another champion)"
                  : from.next())
              + ", not "
              + to
              + ".",
          Map.of("model", key, "status", from.name()));
    }
    if (!seeding && to == ModelStatus.VALIDATED && !hasReport) {
      throw new ProblemException(
          ModelProblems.VALIDATION_REPORT_REQUIRED,
          "Model " + key + " has no validation report; register it with its report.json.",
          Map.of("model", key));
    }
    if (to == ModelStatus.CHAMPION || to == ModelStatus.CHALLENGER) {
      Optional<String> incumbent = keyWithStatus(subjectType, to);
      if (incumbent.isPresent() && !incumbent.get().equals(key)) {
        lock(incumbent.get());
        update(
            incumbent.get(), to, ModelStatus.RETIRED, actor, "replaced by " + key + ": " + reason);
      }
    }
    update(key, from == to && seeding ? null : from, to, actor, reason);
  }

  private void update(String key, ModelStatus from, ModelStatus to, String actor, String reason) {
    Instant now = now();
    em.createNativeQuery(
            "update model_registry set status = ?1, updated_at = ?2 where model_key = ?3")
        .setParameter(1, to.name())
        .setParameter(2, Timestamp.from(now))
        .setParameter(3, key)
        .executeUpdate();
    history(key, from, to, actor, reason, now);
  }

  /**
   * A configured model registered by an earlier version, before its validation report shipped
   * beside it (models/&lt;key&gt;.report.json), gets that report: the same trainer run's, the
   * reference live stability is measured against. A report already stored is never replaced.
   */
  private void attachShippedReport(String key) {
    Optional<JsonNode> report = catalog.shippedReport(key);
    if (report.isEmpty()) {
      return;
    }
    int attached =
        em.createNativeQuery(
                "update model_registry set validation_report = cast(?1 as jsonb)"
                    + " where model_key = ?2 and validation_report is null")
            .setParameter(1, report.get().toString())
            .setParameter(2, key)
            .executeUpdate();
    if (attached == 1) {
      LOG.infof("Model %s: attached its shipped validation report", key);
    }
  }

  /** A registered person scorecard with its validation report (null when it has none). */
  public record RegisteredScorecard(Summary model, Scorecard card, JsonNode validationReport) {}

  /**
   * The registered person scorecard {@code key}; 404 {@code model-not-found} when there is none,
   * empty when {@code key} is an organisation rating model.
   */
  @Transactional
  public Optional<RegisteredScorecard> scorecardWithReport(String key) {
    Object[] row = find(key).orElseThrow(() -> notFound(key));
    Summary summary = summary(row);
    if (!PERSON.equals(summary.subjectType())) {
      return Optional.empty();
    }
    return Optional.of(
        new RegisteredScorecard(summary, parse(key, (String) row[8]), tree((String) row[9])));
  }

  /** The system's registration of a configured model, with no validation report. */
  private void insert(
      String key, String id, String version, String subjectType, String definition) {
    insertRegistered(key, id, version, subjectType, definition, null, "system");
  }

  /** Registers the model as DRAFT; false, and nothing written, when the key is already taken. */
  private boolean insertRegistered(
      String key,
      String id,
      String version,
      String subjectType,
      String definition,
      JsonNode report,
      String actor) {
    Instant now = now();
    boolean inserted =
        em.createNativeQuery(
                    "insert into model_registry (model_key, model_id, model_version, subject_type, status,"
                        + " definition, validation_report, registered_by, registered_at, updated_at)"
                        + " values (?1, ?2, ?3, ?4, 'DRAFT', cast(?5 as jsonb), cast(?6 as jsonb), ?7, ?8, ?8)"
                        + " on conflict (model_key) do nothing")
                .setParameter(1, key)
                .setParameter(2, id)
                .setParameter(3, version)
                .setParameter(4, subjectType)
                .setParameter(5, definition)
                .setParameter(6, report == null || report.isNull() ? null : report.toString())
                .setParameter(7, actor)
                .setParameter(8, Timestamp.from(now))
                .executeUpdate()
            == 1;
    if (inserted) {
      history(key, null, ModelStatus.DRAFT, actor, "registered", now);
    }
    return inserted;
  }

  private void history(
      String key, ModelStatus from, ModelStatus to, String actor, String reason, Instant at) {
    em.createNativeQuery(
            "insert into model_status_history (model_key, from_status, to_status, actor, reason,"
                + " changed_at) values (?1, ?2, ?3, ?4, ?5, ?6)")
        .setParameter(1, key)
        .setParameter(2, from == null ? null : from.name())
        .setParameter(3, to.name())
        .setParameter(4, actor)
        .setParameter(5, reason)
        .setParameter(6, Timestamp.from(at))
        .executeUpdate();
  }

  private Object[] lock(String key) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select status, subject_type,"
                    + " case when validation_report is null then null else 1 end"
                    + " from model_registry where model_key = ?1 for update")
            .setParameter(1, key)
            .getResultList();
    if (rows.isEmpty()) {
      throw notFound(key);
    }
    return rows.get(0);
  }

  private Optional<String> keyWithStatus(String subjectType, ModelStatus status) {
    @SuppressWarnings("unchecked")
    List<String> keys =
        em.createNativeQuery(
                "select model_key from model_registry where subject_type = ?1 and status = ?2")
            .setParameter(1, subjectType)
            .setParameter(2, status.name())
            .getResultList();
    return keys.stream().findFirst();
  }

  private Optional<Object[]> find(String key) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select model_key, model_id, model_version, subject_type, status, registered_by,"
                    + " registered_at, updated_at, cast(definition as text),"
                    + " cast(validation_report as text) from model_registry where model_key = ?1")
            .setParameter(1, key)
            .getResultList();
    return rows.stream().findFirst();
  }

  private Scorecard scorecard(String key) {
    return parse(key, (String) find(key).orElseThrow(() -> notFound(key))[8]);
  }

  private RatingModel ratingModel(String key) {
    return parseRating(key, (String) find(key).orElseThrow(() -> notFound(key))[8]);
  }

  private static RatingModel parseRating(String source, String definition) {
    try {
      return OrganisationModelCatalog.read(source, definition);
    } catch (InvalidScorecardException e) {
      throw new ProblemException(
          ModelProblems.INVALID_MODEL, e.getMessage(), Map.of("problems", e.problems()));
    }
  }

  private static Scorecard parse(String source, String definition) {
    try {
      return new ScorecardReader(FeatureCatalog.names())
          .read(source, new ByteArrayInputStream(definition.getBytes(StandardCharsets.UTF_8)));
    } catch (InvalidScorecardException e) {
      throw new ProblemException(
          ModelProblems.INVALID_MODEL, e.getMessage(), Map.of("problems", e.problems()));
    }
  }

  @Transactional
  public List<Summary> list() {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select model_key, model_id, model_version, subject_type, status, registered_by,"
                    + " registered_at, updated_at from model_registry order by registered_at, model_key")
            .getResultList();
    return rows.stream().map(ModelRegistryService::summary).toList();
  }

  @Transactional
  public Detail detail(String key) {
    Object[] row = find(key).orElseThrow(() -> notFound(key));
    @SuppressWarnings("unchecked")
    List<Object[]> changes =
        em.createNativeQuery(
                "select from_status, to_status, actor, reason, changed_at from model_status_history"
                    + " where model_key = ?1 order by id")
            .setParameter(1, key)
            .getResultList();
    List<StatusChange> history = new ArrayList<>();
    for (Object[] c : changes) {
      history.add(
          new StatusChange(
              c[0] == null ? null : ModelStatus.valueOf((String) c[0]),
              ModelStatus.valueOf((String) c[1]),
              (String) c[2],
              (String) c[3],
              instant(c[4])));
    }
    return new Detail(summary(row), tree((String) row[8]), tree((String) row[9]), history);
  }

  @Transactional
  public Comparison compare(String subjectType) {
    if (!PERSON.equals(subjectType) && !ORGANISATION.equals(subjectType)) {
      throw new ProblemException(
          ProblemTypes.VALIDATION_FAILED,
          "subjectType: PERSON or ORGANISATION",
          Map.of(
              "errors",
              List.of(Map.of("field", "subjectType", "message", "PERSON or ORGANISATION"))));
    }
    String champion = keyWithStatus(subjectType, ModelStatus.CHAMPION).orElse(null);
    String challenger = keyWithStatus(subjectType, ModelStatus.CHALLENGER).orElse(null);
    if (challenger == null) {
      return new Comparison(subjectType, champion, null, 0, 0, null, null, null, null, 0);
    }
    Object[] r =
        (Object[])
            em.createNativeQuery(
                    "select count(*),"
                        + " count(*) filter (where champion_score is not null and challenger_score is not null),"
                        + " avg(champion_score) filter (where challenger_score is not null),"
                        + " avg(challenger_score) filter (where champion_score is not null),"
                        + " avg(abs(champion_score - challenger_score)),"
                        + " avg(case when champion_band = challenger_band then 1.0 else 0.0 end)"
                        + "   filter (where champion_score is not null and challenger_score is not null),"
                        + " count(*) filter (where champion_outcome <> challenger_outcome)"
                        + " from shadow_score where challenger_key = ?1")
                .setParameter(1, challenger)
                .getSingleResult();
    return new Comparison(
        subjectType,
        champion,
        challenger,
        ((Number) r[0]).longValue(),
        ((Number) r[1]).longValue(),
        dbl(r[2]),
        dbl(r[3]),
        dbl(r[4]),
        dbl(r[5]),
        ((Number) r[6]).longValue());
  }

  private static Double dbl(Object o) {
    return o == null ? null : ((Number) o).doubleValue();
  }

  private static Summary summary(Object[] r) {
    return new Summary(
        (String) r[0],
        (String) r[1],
        (String) r[2],
        (String) r[3],
        ModelStatus.valueOf((String) r[4]),
        (String) r[5],
        instant(r[6]),
        instant(r[7]));
  }

  private static Instant instant(Object o) {
    if (o instanceof Timestamp t) {
      return t.toInstant();
    }
    if (o instanceof Instant i) {
      return i;
    }
    if (o instanceof java.time.OffsetDateTime odt) {
      return odt.toInstant();
    }
    return null;
  }

  private JsonNode tree(String s) {
    if (s == null) {
      return null;
    }
    try {
      return json.readTree(s);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is unreadable", e);
    }
  }

  private String toJson(Scorecard card) {
    try {
      return json.writeValueAsString(card);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Instant now() {
    return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
  }

  private static ProblemException notFound(String key) {
    return new ProblemException(
        ModelProblems.MODEL_NOT_FOUND, "No model " + key + " is registered.", Map.of("model", key));
  }
}

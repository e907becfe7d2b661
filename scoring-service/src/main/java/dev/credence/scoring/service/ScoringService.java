package dev.credence.scoring.service;

import dev.credence.common.events.ConsentDirection;
import dev.credence.common.events.DataCategory;
import dev.credence.common.events.Purpose;
import dev.credence.common.identity.IdentifierHasher;
import dev.credence.common.messaging.ConsumerRetry;
import dev.credence.common.outbox.Outbox;
import dev.credence.common.problem.ProblemException;
import dev.credence.common.problem.ProblemTypes;
import dev.credence.scoring.config.ScoringConfig;
import dev.credence.scoring.domain.Extraction;
import dev.credence.scoring.domain.OrganisationFile;
import dev.credence.scoring.domain.OrganisationRater;
import dev.credence.scoring.domain.OrganisationRating;
import dev.credence.scoring.domain.RatingModel;
import dev.credence.scoring.domain.ScoreCalculator;
import dev.credence.scoring.domain.ScoreOutcome;
import dev.credence.scoring.domain.Scorecard;
import dev.credence.scoring.model.ConsentView;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.Session;

/**
 * The lender's score request: find the subject by keyed hash, pass the consent gate, compute
 * features and score (a person) or the compliance rating and payment index (an organisation), and
 * release (disclosure, inquiry, outbox event). Nothing is written before the release, so a refusal
 * leaves no disclosure.
 *
 * <p>Two ways to release, decided by the consent the gate picks:
 *
 * <ul>
 *   <li>an <b>unlimited</b> consent needs no claim: the consents and the file are read in one round
 *       trip through the reactive client outside any transaction, and the release is
 *       group-committed with other requests' releases by {@link ReleaseWriter}; the answer is given
 *       only once it is durable ({@link #releaseNonBlocking} completes then, and no thread waits
 *       for the commit);
 *   <li>a consent with a <b>usage limit</b> must be claimed, and the claim and the disclosure must
 *       commit or roll back together: the whole request runs in its own transaction, as it always
 *       did ({@link ConsentGate#authorise}).
 * </ul>
 */
@ApplicationScoped
public class ScoringService {
  private final ScoreCalculator calculator = new ScoreCalculator();
  private final OrganisationRater rater = new OrganisationRater();

  @Inject SubjectDirectory directory;
  @Inject IdentifierHasher hasher;
  @Inject ModelCatalog models;
  @Inject OrganisationModelCatalog organisationModels;
  @Inject ConsentGate consents;
  @Inject ConsumerRetry consumers;
  @Inject ScoringConfig config;

  @Inject SubjectFileService files;
  @Inject DisclosureService disclosures;
  @Inject ReleaseWriter writer;
  @Inject GroupedReads reads;

  @Inject Pool pool;
  @Inject EntityManager em;
  @Inject Outbox outbox;
  @Inject Clock clock;
  @Inject ShadowScoring shadow;
  @Inject ConsentStateGuard consentState;

  /**
   * Fails closed: while the consent projection's consumer has been waiting for its database longer
   * than {@link ScoringConfig#consentStallLimit()} (1 s), no score is released (503 {@code
   * consent-state-unavailable}), because consent changes, revocations included, are not being
   * applied. Scoring's own reads would usually fail then too; this covers the case where only the
   * consumer's writes do.
   */
  private void failClosedWhileConsentChangesWait() {
    Duration waiting = consumers.waiting(ProjectionService.CONSENT_CONSUMER);
    if (waiting.compareTo(config.consentStallLimit()) > 0) {
      throw new ProblemException(
          ScoringProblems.CONSENT_STATE_UNAVAILABLE,
          "Consent changes have not been applied for "
              + waiting.toSeconds()
              + " s (the consent projection cannot write to its database); no score is"
              + " released until they are. Try again later.");
    }
  }

  /**
   * Decides and releases, for the event loop (POST /v1/scores and each batch item): every read goes
   * through the reactive client and the release to the group commit, so no thread blocks and none
   * is handed the request between the body and the answer. The Uni completes with the lender's
   * answer once the release is durable. The scoring runs on the thread that receives the file, the
   * event loop. Only what must block moves to a worker: a limited consent (its usage claim and the
   * disclosure commit together in a JDBC transaction) and a shadow challenger's row.
   *
   * <p>A refusal fails the Uni with the {@link ProblemException}; nothing was written. A database
   * failure fails it with a {@link java.sql.SQLException} (503 when the database is unavailable).
   */
  public Uni<DisclosureView> releaseNonBlocking(String lenderId, ScoreCommand command) {
    Instant now;
    String hash;
    try {
      now = admit(command);
      hash = identifierHash(command);
    } catch (RuntimeException e) {
      return Uni.createFrom().failure(e);
    }
    return directory
        .lookup(pool, command.identifierType().name(), hash)
        .map(found -> resolved(found, command))
        .chain(
            subject ->
                gather(subject, lenderId, command.purpose().name(), now)
                    .chain(gathered -> decide(lenderId, command, subject, gathered, now)));
  }

  /**
   * The consents and the file the decision needs: grouped with other requests' reads ({@link
   * GroupedReads}), or alone when {@code credence.scoring.read.grouped} is false.
   */
  private Uni<SubjectFileService.Gathered> gather(
      ResolvedSubject subject, String lenderId, String purpose, Instant now) {
    if (config.read().grouped()) {
      return reads.gather(subject.subjectId(), lenderId, purpose, subject.organisation(), now);
    }
    return files.gather(pool, subject.subjectId(), lenderId, purpose, subject.organisation(), now);
  }

  private Uni<DisclosureView> decide(
      String lenderId,
      ScoreCommand command,
      ResolvedSubject subject,
      SubjectFileService.Gathered gathered,
      Instant now) {
    ConsentView first = firstCandidate(lenderId, command, subject, gathered);
    if (first.usageLimit != null) {
      return Uni.createFrom()
          .item(() -> claimingUse(lenderId, command, subject, now))
          .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
    Evaluated evaluated =
        evaluate(lenderId, subject, command.purpose(), first, gathered.rows(), now);
    Uni<Void> durable =
        Uni.createFrom().completionStage(() -> writer.submit(evaluated.prepared().release()));
    if (evaluated.shadowed(shadow)) {
      // the challenger's row is written in its own JDBC transaction: on a worker
      return durable
          .emitOn(Infrastructure.getDefaultWorkerPool())
          .map(v -> released(evaluated, subject.subjectId(), now));
    }
    return durable.map(v -> evaluated.prepared().view());
  }

  /**
   * What every score request passes before anything is read: the consent state is fresh and being
   * applied, and the purpose is one a score may be disclosed for. Returns the request's time.
   */
  private Instant admit(ScoreCommand command) {
    failClosedWhileConsentChangesWait();
    Purpose purpose = command.purpose();
    if (purpose.direction() != ConsentDirection.DISCLOSE) {
      throw new ProblemException(
          ScoringProblems.PURPOSE_NOT_DISCLOSABLE,
          "Purpose "
              + purpose.name()
              + " is a "
              + purpose.direction().name()
              + " purpose; a score can only be disclosed for a DISCLOSE purpose.",
          Map.of("purpose", purpose.name()));
    }
    Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    consentState.requireFresh(now);
    return now;
  }

  /** The first consent the gate lets this request use (one gate for persons and organisations). */
  private ConsentView firstCandidate(
      String lenderId,
      ScoreCommand command,
      ResolvedSubject subject,
      SubjectFileService.Gathered gathered) {
    // an organisation's consent is granted by its officer in consent-service
    return consents
        .candidates(
            gathered.consents(),
            subject.subjectId(),
            lenderId,
            command.purpose(),
            command.consentId())
        .get(0);
  }

  /** A limited consent's release: the claim, the reads and the insert in one new transaction. */
  private DisclosureView claimingUse(
      String lenderId, ScoreCommand command, ResolvedSubject subject, Instant now) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> scoreClaimingUse(lenderId, subject, command.purpose(), command.consentId(), now));
  }

  /** The whole request in the caller's transaction: claim a use, read, score, insert. */
  private DisclosureView scoreClaimingUse(
      String lenderId, ResolvedSubject subject, Purpose purpose, UUID consentId, Instant now) {
    ConsentView consent =
        consents.authorise(subject.subjectId(), lenderId, purpose, consentId, now);
    Evaluated evaluated =
        em.unwrap(Session.class)
            .doReturningWork(
                connection -> {
                  Evaluated e =
                      evaluate(
                          lenderId,
                          subject,
                          purpose,
                          consent,
                          files.file(connection, subject.subjectId(), subject.organisation(), now),
                          now);
                  ReleaseWriter.insert(connection, List.of(e.prepared().release()));
                  return e;
                });
    outbox.appended();
    return released(evaluated, subject.subjectId(), now);
  }

  /**
   * What was computed for a release, and what the shadow challenger needs: a person's scorecard,
   * features and outcome, or an organisation's rating model, file, as-of date and rating.
   */
  private record Evaluated(
      DisclosureService.Prepared prepared,
      Scorecard card,
      Extraction extraction,
      ScoreOutcome outcome,
      RatingModel ratingModel,
      OrganisationFile organisationFile,
      LocalDate asOf,
      OrganisationRating rating) {

    static Evaluated person(
        DisclosureService.Prepared prepared,
        Scorecard card,
        Extraction extraction,
        ScoreOutcome outcome) {
      return new Evaluated(prepared, card, extraction, outcome, null, null, null, null);
    }

    static Evaluated organisation(
        DisclosureService.Prepared prepared,
        RatingModel model,
        OrganisationFile file,
        LocalDate asOf,
        OrganisationRating rating) {
      return new Evaluated(prepared, null, null, null, model, file, asOf, rating);
    }

    /** Whether a challenger rates this release in shadow (then the answer waits for its row). */
    boolean shadowed(ShadowScoring shadow) {
      return card != null ? shadow.active(card) : shadow.active(ratingModel);
    }
  }

  private Evaluated evaluate(
      String lenderId,
      ResolvedSubject subject,
      Purpose purpose,
      ConsentView consent,
      SubjectFileService.SubjectRows file,
      Instant now) {
    String subjectId = subject.subjectId();
    if (subject.organisation()) {
      RatingModel model = organisationModels.organisationModel();
      SubjectFileService.OrganisationInputs inputs =
          files.organisationFile(file, usableCategories(consent));
      LocalDate asOf = LocalDate.ofInstant(now, ZoneOffset.UTC);
      OrganisationRating rating = rater.rate(model, inputs.file(), asOf);
      return Evaluated.organisation(
          disclosures.releaseOrganisation(
              lenderId,
              subjectId,
              purpose,
              consent.consentId,
              model,
              rating,
              inputs.disputedRecords(),
              now),
          model,
          inputs.file(),
          asOf,
          rating);
    }
    Scorecard card = models.personModel();
    SubjectFileService.PersonInputs inputs =
        files.personInputs(file, usableCategories(consent), now);
    Extraction extraction = inputs.extraction();
    ScoreOutcome outcome = calculator.evaluate(card, extraction);
    return Evaluated.person(
        disclosures.release(
            lenderId,
            subjectId,
            purpose,
            consent.consentId,
            card,
            extraction,
            outcome,
            inputs.disputedRecords(),
            now),
        card,
        extraction,
        outcome);
  }

  private DisclosureView released(Evaluated evaluated, String subjectId, Instant now) {
    DisclosureView view = evaluated.prepared().view();
    if (evaluated.card() != null) {
      shadow.observe(
          view.disclosureId(),
          subjectId,
          evaluated.card(),
          evaluated.extraction(),
          evaluated.outcome(),
          now);
    } else {
      shadow.observe(
          view.disclosureId(),
          subjectId,
          evaluated.ratingModel(),
          evaluated.organisationFile(),
          evaluated.asOf(),
          evaluated.rating(),
          now);
    }
    return view;
  }

  record ResolvedSubject(String subjectId, boolean organisation) {}

  private String identifierHash(ScoreCommand command) {
    try {
      return hasher.hash(command.identifierType(), command.identifier()).hash();
    } catch (IllegalArgumentException e) {
      throw new ProblemException(
          ProblemTypes.VALIDATION_FAILED,
          "subject.identifier: holds no characters once spaces, dots, dashes and slashes are removed",
          Map.of("field", "subject.identifier"));
    }
  }

  private static ResolvedSubject resolved(
      java.util.Optional<SubjectDirectory.Entry> found, ScoreCommand command) {
    SubjectDirectory.Entry entry =
        found.orElseThrow(
            // never echo the identifier: it is personal data
            () ->
                new ProblemException(
                    ScoringProblems.UNKNOWN_SUBJECT,
                    "No enrolled subject matches this " + command.identifierType().name() + ".",
                    Map.of("identifierType", command.identifierType().name())));
    return new ResolvedSubject(entry.subjectId(), entry.organisation());
  }

  /** The categories the consent lets the score draw on; a consent naming none covers all. */
  static Set<DataCategory> usableCategories(ConsentView consent) {
    if (consent.categories == null || consent.categories.length == 0) {
      return EnumSet.allOf(DataCategory.class);
    }
    return Arrays.stream(consent.categories)
        .flatMap(c -> Arrays.stream(DataCategory.values()).filter(d -> d.name().equals(c)))
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(DataCategory.class)));
  }
}

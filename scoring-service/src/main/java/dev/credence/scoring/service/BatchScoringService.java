package dev.credence.scoring.service;

import dev.credence.common.problem.ProblemException;
import dev.credence.common.problem.ProblemMappers;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Account review of many subjects: each item is a full score request on its own ({@link
 * ScoringService#releaseNonBlocking}), so a refused item leaves nothing behind and does not undo
 * the others. The items are decided side by side, not one after the other: their reads go to
 * PostgreSQL together and their releases share group commits, so a batch of 100 costs a few round
 * trips rather than 200.
 */
@ApplicationScoped
public class BatchScoringService {
  @Inject ScoringService scoring;

  /**
   * One item's answer: a released view; or the problem that refused it (the service decided not to
   * release: no consent, an unknown subject, consent state not current); or, with {@code failed},
   * the problem that stopped it (the database unavailable, an unexpected error, a release whose
   * commit was not confirmed).
   */
  public record ItemOutcome(DisclosureView released, ProblemException problem, boolean failed) {}

  /**
   * Every item's outcome, in the order of {@code commands}; the answer itself never fails. A
   * refusal is that item's outcome, and so is any other failure (the database unavailable for that
   * item, a release whose commit was not confirmed): the items already released stay released and
   * recorded, so failing the whole answer would hide their disclosure ids and invite a retry that
   * discloses them twice.
   */
  public Uni<List<ItemOutcome>> score(String lenderId, List<ScoreCommand> commands) {
    if (commands.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    List<Uni<ItemOutcome>> items =
        commands.stream()
            .map(
                command ->
                    scoring
                        .releaseNonBlocking(lenderId, command)
                        .map(view -> new ItemOutcome(view, null, false))
                        .onFailure()
                        .recoverWithItem(BatchScoringService::unreleased))
            .toList();
    return Uni.join().all(items).andFailFast();
  }

  private static ItemOutcome unreleased(Throwable e) {
    if (e instanceof ProblemException p) {
      return new ItemOutcome(null, p, p.type() == ScoringProblems.RELEASE_OUTCOME_UNKNOWN);
    }
    return new ItemOutcome(null, ProblemMappers.asProblem(e, BATCH_PATH), true);
  }

  private static final String BATCH_PATH = "/v1/scores:batch";
}

package dev.credence.scoring.service;

import dev.credence.common.problem.ProblemException;
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

  /** One item's answer: a released view, or the problem that refused it. */
  public record ItemOutcome(DisclosureView released, ProblemException refused) {}

  /**
   * Every item's outcome, in the order of {@code commands}. A refusal is that item's outcome; any
   * other failure (the database unavailable) fails the whole answer, as it would a single score
   * request (items already released stay released and recorded).
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
                        .map(view -> new ItemOutcome(view, null))
                        .onFailure(ProblemException.class)
                        .recoverWithItem(e -> new ItemOutcome(null, (ProblemException) e)))
            .toList();
    return Uni.join().all(items).andFailFast();
  }
}

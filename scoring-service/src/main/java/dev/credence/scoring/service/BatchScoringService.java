package dev.credence.scoring.service;

import dev.credence.common.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * Account review of many subjects: each item is a full score request on its own ({@link
 * ScoringService#score}), so a refused item leaves nothing behind and does not undo the others.
 */
@ApplicationScoped
public class BatchScoringService {
  @Inject ScoringService scoring;

  /** One item's answer: a released view, or the problem that refused it. */
  public record ItemOutcome(DisclosureView released, ProblemException refused) {}

  public List<ItemOutcome> score(String lenderId, List<ScoreCommand> commands) {
    List<ItemOutcome> outcomes = new ArrayList<>(commands.size());
    for (ScoreCommand command : commands) {
      try {
        DisclosureView view = scoring.score(lenderId, command);
        outcomes.add(new ItemOutcome(view, null));
      } catch (ProblemException e) {
        outcomes.add(new ItemOutcome(null, e));
      }
    }
    return outcomes;
  }
}

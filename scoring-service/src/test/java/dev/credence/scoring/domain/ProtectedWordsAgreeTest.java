package dev.credence.scoring.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.credence.trainer.ProtectedNames;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The trainer refuses to fit a feature whose name marks a protected attribute, and this service
 * refuses to load a model with one: both must mean the same words, or a model the trainer writes
 * could be refused here (or a protected name let through by one of them).
 */
class ProtectedWordsAgreeTest {
  @Test
  void theTrainerAndTheModelLoaderRefuseTheSameWords() {
    assertEquals(ProtectedNames.WORDS, ScorecardValidator.PROTECTED_WORDS);
    for (String name :
        List.of(
            "applicant_sex",
            "maritalStatus",
            "date_of_birth",
            "national-origin",
            "tradeUnionMember",
            "months_since_oldest_account",
            "revolving_utilisation")) {
      assertEquals(
          ProtectedNames.protectedWord(name), ScorecardValidator.protectedWord(name), name);
    }
  }
}

package dev.credence.scoring.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class ModelStatusTest {
  @Test
  void theLifecycleIsDraftValidatedChampionOrChallengerRetired() {
    assertEquals(EnumSet.of(ModelStatus.VALIDATED, ModelStatus.RETIRED), ModelStatus.DRAFT.next());
    assertEquals(
        EnumSet.of(ModelStatus.CHAMPION, ModelStatus.CHALLENGER, ModelStatus.RETIRED),
        ModelStatus.VALIDATED.next());
    assertEquals(
        EnumSet.of(ModelStatus.CHAMPION, ModelStatus.RETIRED), ModelStatus.CHALLENGER.next());
  }

  @Test
  void noShortcutsAndNoWayBack() {
    assertFalse(ModelStatus.DRAFT.canBecome(ModelStatus.CHAMPION));
    assertFalse(ModelStatus.DRAFT.canBecome(ModelStatus.CHALLENGER));
    assertFalse(ModelStatus.CHAMPION.canBecome(ModelStatus.RETIRED), "only by promoting another");
    for (ModelStatus s : ModelStatus.values()) {
      assertFalse(ModelStatus.RETIRED.canBecome(s));
      assertFalse(s.canBecome(ModelStatus.DRAFT));
      assertFalse(s.canBecome(s), s + " to itself");
    }
    assertTrue(ModelStatus.CHALLENGER.canBecome(ModelStatus.CHAMPION));
  }
}

package dev.credence.scoring.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of a registered model: {@code DRAFT → VALIDATED → CHAMPION | CHALLENGER → RETIRED}. A
 * challenger may be promoted to champion; the champion is retired only by promoting another (there
 * is always one champion per subject type); {@code RETIRED} is final.
 */
public enum ModelStatus {
  DRAFT,
  VALIDATED,
  CHAMPION,
  CHALLENGER,
  RETIRED;

  public Set<ModelStatus> next() {
    return switch (this) {
      case DRAFT -> EnumSet.of(VALIDATED, RETIRED);
      case VALIDATED -> EnumSet.of(CHAMPION, CHALLENGER, RETIRED);
      case CHALLENGER -> EnumSet.of(CHAMPION, RETIRED);
      case CHAMPION, RETIRED -> EnumSet.noneOf(ModelStatus.class);
    };
  }

  public boolean canBecome(ModelStatus to) {
    return next().contains(to);
  }
}

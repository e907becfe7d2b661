package dev.credence.scoring.domain;

import java.util.List;
import java.util.Map;

/**
 * The organisation rating model as read from its JSON file (docs/scoring.md, "Organisation
 * rating"): deductions from {@code start} by record type, severity or status and age band, floored
 * at {@code floor}; grades by minimum rating; the payment index curve; the minimum rating criteria.
 */
public record RatingModel(
    String id,
    String version,
    String subjectType,
    String description,
    String provenance,
    int start,
    int floor,
    List<Grade> grades,
    List<AgeBand> ageBands,
    Map<String, Rule> regulatoryPenalty,
    Map<String, Rule> taxCompliance,
    Map<String, Rule> courtJudgment,
    PaymentIndexRule paymentIndex,
    Criteria minimumRatingCriteria,
    RepeatedPenalties repeatedPenalties) {

  public String key() {
    return id + "-v" + version;
  }

  /** A grade and the lowest rating that earns it (inclusive). */
  public record Grade(String grade, int min, String text) {}

  /** Ages (whole months since the dated event) below {@code maxMonths}; null = unbounded. */
  public record AgeBand(String name, Integer maxMonths) {}

  /**
   * Points deducted per age band; {@code resolvedPoints} (penalties only) when resolved as of the
   * date.
   */
  public record Rule(
      String reasonCode, String reasonText, List<Integer> points, List<Integer> resolvedPoints) {}

  /** A point of the piecewise-linear payment index curve. */
  public record CurvePoint(double daysBeyondTerms, int index) {}

  public record PaymentIndexRule(int windowMonths, int minimumInvoices, List<CurvePoint> curve) {}

  public record Criteria(int taxComplianceWithinMonths) {}

  /**
   * Optional (absent in v1): a pattern of penalties in one regulatory domain costs more than the
   * penalties one by one. Per domain, the penalties unresolved as of the date and imposed within
   * {@code withinMonths} are counted; each beyond the first deducts {@code pointsPerRepeat}, at
   * most {@code maxPointsPerDomain} per domain.
   */
  public record RepeatedPenalties(
      String reasonCode,
      String reasonText,
      int withinMonths,
      int pointsPerRepeat,
      int maxPointsPerDomain) {}

  /** The index of the age band for an age in months (bands are validated to cover every age). */
  public int ageBand(long months) {
    for (int i = 0; i < ageBands.size(); i++) {
      Integer max = ageBands.get(i).maxMonths();
      if (max == null || months < max) {
        return i;
      }
    }
    return ageBands.size() - 1;
  }

  /** The grade of a rating: the first (highest) grade whose minimum it reaches. */
  public String gradeFor(int rating) {
    for (Grade g : grades) {
      if (rating >= g.min()) {
        return g.grade();
      }
    }
    return grades.get(grades.size() - 1).grade();
  }
}

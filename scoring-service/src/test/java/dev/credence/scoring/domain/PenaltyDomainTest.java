package dev.credence.scoring.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.credence.scoring.domain.OrganisationFile.Penalty;
import dev.credence.scoring.domain.OrganisationFile.TaxCompliance;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Penalties by regulatory domain: the per-domain summary every rating carries, and the shipped
 * organisation-rating-v2's repeated-penalties rule (v1 has none).
 */
class PenaltyDomainTest {
  static final LocalDate AS_OF = LocalDate.of(2026, 11, 28);
  static final RatingModel V1 = load("organisation-rating-v1");
  static final RatingModel V2 = load("organisation-rating-v2");
  final OrganisationRater rater = new OrganisationRater();

  static RatingModel load(String key) {
    try (InputStream in =
        PenaltyDomainTest.class.getClassLoader().getResourceAsStream("models/" + key + ".json")) {
      return new RatingModelReader().read(key, in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Penalty penalty(String domain, String severity, LocalDate imposedOn, boolean resolved) {
    return new Penalty(
        UUID.randomUUID(),
        domain,
        severity,
        1000.0,
        imposedOn,
        resolved,
        resolved ? imposedOn.plusDays(10) : null,
        imposedOn);
  }

  static OrganisationFile file(List<Penalty> penalties) {
    TaxCompliance compliant =
        new TaxCompliance(
            UUID.randomUUID(), "COMPLIANT", AS_OF.minusMonths(2), null, AS_OF.minusMonths(1));
    return new OrganisationFile(List.of(compliant), penalties, List.of(), List.of());
  }

  static int repeatPoints(OrganisationRating r) {
    return r.deductions().stream()
        .filter(d -> d.reasonCode().equals("REPEATED_PENALTIES_IN_DOMAIN"))
        .mapToInt(OrganisationRating.Deduction::points)
        .sum();
  }

  @Test
  void summarisesPenaltiesPerDomainWithCountUnresolvedWorstSeverityAndLatest() {
    List<Penalty> ps =
        List.of(
            penalty("ENVIRONMENT", "MINOR", AS_OF.minusMonths(30), true),
            penalty("ENVIRONMENT", "MAJOR", AS_OF.minusMonths(5), false),
            penalty("LABOUR", "MODERATE", AS_OF.minusMonths(14), false),
            penalty(null, "SEVERE", AS_OF.minusMonths(70), false),
            penalty("LABOUR", "SEVERE", AS_OF.plusDays(3), false)); // not yet imposed: ignored
    OrganisationRating r = rater.rate(V1, file(ps), AS_OF);
    assertEquals(
        List.of(
            new OrganisationRating.PenaltyDomain(
                "ENVIRONMENT", 2, 1, "MAJOR", AS_OF.minusMonths(5), 5),
            new OrganisationRating.PenaltyDomain(
                "LABOUR", 1, 1, "MODERATE", AS_OF.minusMonths(14), 14),
            new OrganisationRating.PenaltyDomain(
                OrganisationRating.UNSPECIFIED, 1, 1, "SEVERE", AS_OF.minusMonths(70), 70)),
        r.penaltyDomains());
    // the summary is part of the snapshot, so it is covered by the snapshot hash
    assertEquals(
        "2|1|MAJOR|" + AS_OF.minusMonths(5),
        r.snapshot().asMap().get("penalty_domain:ENVIRONMENT"));
  }

  @Test
  void v1HasNoRepeatRuleAndV2DeductsFivePerRepeatCappedAtFifteenPerDomain() {
    for (int n = 1; n <= 6; n++) {
      List<Penalty> ps = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        ps.add(penalty("ENVIRONMENT", "MINOR", AS_OF.minusMonths(1 + 3L * i), false));
      }
      OrganisationRating v1 = rater.rate(V1, file(ps), AS_OF);
      OrganisationRating v2 = rater.rate(V2, file(ps), AS_OF);
      assertEquals(0, repeatPoints(v1), "v1, " + n + " penalties");
      assertEquals(Math.min(15, 5 * (n - 1)), repeatPoints(v2), "v2, " + n + " penalties");
      // everything else is the same in both versions
      assertEquals(v1.rating() - repeatPoints(v2), (int) v2.rating(), "v2 rating, n=" + n);
    }
  }

  @Test
  void onlyUnresolvedPenaltiesOfOneNamedDomainWithinThirtySixMonthsMakeAPattern() {
    List<Penalty> ps =
        List.of(
            penalty("ENVIRONMENT", "MINOR", AS_OF.minusMonths(2), false),
            penalty("ENVIRONMENT", "MINOR", AS_OF.minusMonths(10), true), // resolved
            penalty("ENVIRONMENT", "MINOR", AS_OF.minusMonths(40), false), // outside the window
            penalty("LABOUR", "MINOR", AS_OF.minusMonths(3), false), // another domain
            penalty(null, "MINOR", AS_OF.minusMonths(4), false), // no domain
            penalty(null, "MINOR", AS_OF.minusMonths(5), false)); // no domain
    assertEquals(0, repeatPoints(rater.rate(V2, file(ps), AS_OF)));

    List<Penalty> pattern =
        List.of(
            penalty("LABOUR", "MINOR", AS_OF.minusMonths(3), false),
            penalty("LABOUR", "MODERATE", AS_OF.minusMonths(20), false),
            penalty("ENVIRONMENT", "MINOR", AS_OF.minusMonths(2), false));
    OrganisationRating r = rater.rate(V2, file(pattern), AS_OF);
    OrganisationRating.Deduction repeat =
        r.deductions().stream()
            .filter(d -> d.reasonCode().equals("REPEATED_PENALTIES_IN_DOMAIN"))
            .findFirst()
            .orElseThrow();
    assertEquals(5, repeat.points());
    assertEquals(pattern.get(0).recordId(), repeat.recordId(), "names the latest of the domain");
    assertEquals("LABOUR: 2 unresolved penalties imposed in the last 36 months", repeat.detail());
    assertEquals(AS_OF.minusMonths(3), repeat.dated());
  }

  @Test
  void v2RatingIsV1MinusTheRepeatDeductionsOverSeededRandomFiles() {
    Random random = new Random(20261129L);
    String[] domains = {"ENVIRONMENT", "LABOUR", "TAX", null};
    for (int c = 1; c <= 500; c++) {
      List<Penalty> ps = new ArrayList<>();
      for (int i = random.nextInt(8); i > 0; i--) {
        ps.add(
            penalty(
                domains[random.nextInt(domains.length)],
                RatingModelValidator.SEVERITIES.get(random.nextInt(4)),
                AS_OF.minusDays(random.nextInt(2000)),
                random.nextBoolean()));
      }
      OrganisationRating v1 = rater.rate(V1, file(ps), AS_OF);
      OrganisationRating v2 = rater.rate(V2, file(ps), AS_OF);
      int repeat = repeatPoints(v2);
      final int k = c;
      assertEquals(
          Math.max(0, v1.rating() - repeat), (int) v2.rating(), () -> "case #" + k + ": " + ps);
      assertTrue(repeat <= 15 * 3, () -> "at most 15 per named domain, case #" + k);
      assertEquals(v1.penaltyDomains(), v2.penaltyDomains(), () -> "case #" + k);
    }
  }

  @Test
  void aRepeatRuleWithNonsenseNumbersIsRefusedAtLoad() {
    RatingModel broken =
        new RatingModel(
            V2.id(),
            V2.version(),
            V2.subjectType(),
            V2.description(),
            V2.provenance(),
            V2.start(),
            V2.floor(),
            V2.grades(),
            V2.ageBands(),
            V2.regulatoryPenalty(),
            V2.taxCompliance(),
            V2.courtJudgment(),
            V2.paymentIndex(),
            V2.minimumRatingCriteria(),
            new RatingModel.RepeatedPenalties("", "x", 0, 10, 5));
    List<String> problems = new RatingModelValidator().validate(broken);
    assertEquals(
        List.of(
            "repeatedPenalties.reasonCode is required",
            "repeatedPenalties.withinMonths must be >= 1",
            "repeatedPenalties: pointsPerRepeat must be >= 0 and maxPointsPerDomain >="
                + " pointsPerRepeat"),
        problems);
  }
}

package dev.credence.scoring.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks an organisation rating model before it may rate anything; every problem is reported at
 * once. The rules are listed in docs/scoring.md ("Organisation rating model format").
 */
public final class RatingModelValidator {
  public static final List<String> SEVERITIES = List.of("MINOR", "MODERATE", "MAJOR", "SEVERE");
  public static final List<String> TAX_STATUSES = List.of("ARREARS", "NON_FILER");
  public static final List<String> JUDGMENT_STATES = List.of("UNSATISFIED", "SATISFIED");

  public List<String> validate(RatingModel m) {
    List<String> problems = new ArrayList<>();
    required(problems, "id", m.id());
    required(problems, "version", m.version());
    ModelNames.check(problems, "id", m.id());
    ModelNames.check(problems, "version", m.version());
    required(problems, "description", m.description());
    required(problems, "provenance", m.provenance());
    if (!"ORGANISATION".equals(m.subjectType())) {
      problems.add("subjectType must be ORGANISATION");
    }
    if (m.floor() < 0 || m.start() <= m.floor()) {
      problems.add("start (" + m.start() + ") must be above floor (" + m.floor() + ") >= 0");
    }
    grades(problems, m);
    int bands = ageBands(problems, m.ageBands());
    rules(problems, "regulatoryPenalty", m.regulatoryPenalty(), SEVERITIES, bands, true);
    rules(problems, "taxCompliance", m.taxCompliance(), TAX_STATUSES, bands, false);
    rules(problems, "courtJudgment", m.courtJudgment(), JUDGMENT_STATES, bands, false);
    ordered(problems, "regulatoryPenalty", m.regulatoryPenalty(), SEVERITIES, false);
    ordered(problems, "regulatoryPenalty", m.regulatoryPenalty(), SEVERITIES, true);
    if (m.courtJudgment() != null
        && m.courtJudgment().get("SATISFIED") != null
        && m.courtJudgment().get("UNSATISFIED") != null) {
      notAbove(
          problems,
          "courtJudgment.SATISFIED",
          m.courtJudgment().get("SATISFIED").points(),
          m.courtJudgment().get("UNSATISFIED").points());
    }
    paymentIndex(problems, m.paymentIndex());
    repeatedPenalties(problems, m.repeatedPenalties());
    if (m.minimumRatingCriteria() == null
        || m.minimumRatingCriteria().taxComplianceWithinMonths() < 1) {
      problems.add("minimumRatingCriteria.taxComplianceWithinMonths must be >= 1");
    }
    return problems;
  }

  private static void repeatedPenalties(List<String> problems, RatingModel.RepeatedPenalties r) {
    if (r == null) {
      return; // optional
    }
    required(problems, "repeatedPenalties.reasonCode", r.reasonCode());
    required(problems, "repeatedPenalties.reasonText", r.reasonText());
    if (r.withinMonths() < 1) {
      problems.add("repeatedPenalties.withinMonths must be >= 1");
    }
    if (r.pointsPerRepeat() < 0 || r.maxPointsPerDomain() < r.pointsPerRepeat()) {
      problems.add(
          "repeatedPenalties: pointsPerRepeat must be >= 0 and maxPointsPerDomain >= pointsPerRepeat");
    }
  }

  private static void required(List<String> problems, String field, String value) {
    if (value == null || value.isBlank()) {
      problems.add(field + " is required");
    }
  }

  private static void grades(List<String> problems, RatingModel m) {
    List<RatingModel.Grade> grades = m.grades();
    if (grades == null || grades.isEmpty()) {
      problems.add("grades are required");
      return;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < grades.size(); i++) {
      RatingModel.Grade g = grades.get(i);
      if (g.grade() == null || g.grade().isBlank() || !names.add(g.grade())) {
        problems.add("grade " + (i + 1) + " needs a unique name");
      }
      if (g.text() == null || g.text().isBlank()) {
        problems.add("grade " + g.grade() + " needs a text");
      }
      if (i > 0 && g.min() >= grades.get(i - 1).min()) {
        problems.add("grades must be listed from the highest minimum down: " + g.grade());
      }
      if (g.min() > m.start()) {
        problems.add("grade " + g.grade() + " can never be reached: minimum above start");
      }
    }
    if (grades.get(grades.size() - 1).min() != m.floor()) {
      problems.add("the lowest grade must start at the floor (" + m.floor() + "): no gap below it");
    }
  }

  private static int ageBands(List<String> problems, List<RatingModel.AgeBand> bands) {
    if (bands == null || bands.isEmpty()) {
      problems.add("ageBands are required");
      return 0;
    }
    Integer previous = 0;
    for (int i = 0; i < bands.size(); i++) {
      RatingModel.AgeBand b = bands.get(i);
      boolean last = i == bands.size() - 1;
      if (b.name() == null || b.name().isBlank()) {
        problems.add("age band " + (i + 1) + " needs a name");
      }
      if (last && b.maxMonths() != null) {
        problems.add("the last age band must be unbounded (maxMonths null)");
      } else if (!last && (b.maxMonths() == null || b.maxMonths() <= previous)) {
        problems.add(
            "age band "
                + (i + 1)
                + " must end after the previous one, and only the last is unbounded");
      } else if (!last) {
        previous = b.maxMonths();
      }
    }
    return bands.size();
  }

  private static void rules(
      List<String> problems,
      String name,
      Map<String, RatingModel.Rule> rules,
      List<String> keys,
      int bands,
      boolean resolvable) {
    if (rules == null) {
      problems.add(name + " is required");
      return;
    }
    for (String key : rules.keySet()) {
      if (!keys.contains(key)) {
        problems.add(name + "." + key + " is not one of " + keys);
      }
    }
    for (String key : keys) {
      RatingModel.Rule r = rules.get(key);
      String where = name + "." + key;
      if (r == null) {
        problems.add(where + " is required");
        continue;
      }
      required(problems, where + ".reasonCode", r.reasonCode());
      required(problems, where + ".reasonText", r.reasonText());
      points(problems, where + ".points", r.points(), bands);
      if (resolvable) {
        points(problems, where + ".resolvedPoints", r.resolvedPoints(), bands);
        if (r.points() != null && r.resolvedPoints() != null) {
          notAbove(problems, where + ".resolvedPoints", r.resolvedPoints(), r.points());
        }
      } else if (r.resolvedPoints() != null) {
        problems.add(where + ".resolvedPoints applies to regulatory penalties only");
      }
    }
  }

  private static void points(List<String> problems, String where, List<Integer> p, int bands) {
    if (p == null || p.size() != bands) {
      problems.add(where + " needs one deduction per age band (" + bands + ")");
      return;
    }
    for (int i = 0; i < p.size(); i++) {
      if (p.get(i) == null || p.get(i) < 0) {
        problems.add(where + ": deductions are whole numbers >= 0");
        return;
      }
      if (i > 0 && p.get(i) > p.get(i - 1)) {
        problems.add(
            where + ": an older record may not deduct more than a recent one (recency decay)");
        return;
      }
    }
  }

  private static void notAbove(
      List<String> problems, String where, List<Integer> lower, List<Integer> upper) {
    if (lower == null || upper == null || lower.size() != upper.size()) {
      return;
    }
    for (int i = 0; i < lower.size(); i++) {
      if (lower.get(i) == null || upper.get(i) == null) {
        continue;
      }
      if (lower.get(i) > upper.get(i)) {
        problems.add(
            where + " may not deduct more than its unresolved counterpart (band " + (i + 1) + ")");
        return;
      }
    }
  }

  /** A more severe penalty never deducts less than a milder one in the same band. */
  private static void ordered(
      List<String> problems,
      String name,
      Map<String, RatingModel.Rule> rules,
      List<String> keys,
      boolean resolved) {
    if (rules == null) {
      return;
    }
    for (int k = 1; k < keys.size(); k++) {
      RatingModel.Rule milder = rules.get(keys.get(k - 1));
      RatingModel.Rule worse = rules.get(keys.get(k));
      if (milder == null || worse == null) {
        continue;
      }
      List<Integer> a = resolved ? milder.resolvedPoints() : milder.points();
      List<Integer> b = resolved ? worse.resolvedPoints() : worse.points();
      if (a == null || b == null || a.size() != b.size()) {
        continue;
      }
      for (int i = 0; i < a.size(); i++) {
        if (a.get(i) == null || b.get(i) == null) {
          continue;
        }
        if (a.get(i) > b.get(i)) {
          problems.add(
              name
                  + ": "
                  + keys.get(k)
                  + (resolved ? " (resolved)" : "")
                  + " deducts less than "
                  + keys.get(k - 1)
                  + " in age band "
                  + (i + 1));
          return;
        }
      }
    }
  }

  private static void paymentIndex(List<String> problems, RatingModel.PaymentIndexRule p) {
    if (p == null) {
      problems.add("paymentIndex is required");
      return;
    }
    if (p.windowMonths() < 1 || p.minimumInvoices() < 1) {
      problems.add("paymentIndex.windowMonths and minimumInvoices must be >= 1");
    }
    List<RatingModel.CurvePoint> curve = p.curve();
    if (curve == null || curve.size() < 2) {
      problems.add("paymentIndex.curve needs at least two points");
      return;
    }
    boolean onTime = false;
    for (int i = 0; i < curve.size(); i++) {
      RatingModel.CurvePoint c = curve.get(i);
      if (c.index() < 1 || c.index() > 100) {
        problems.add("paymentIndex.curve: index " + c.index() + " is outside 1..100");
      }
      if (c.daysBeyondTerms() == 0) {
        onTime = c.index() == 80;
      }
      if (i > 0 && c.daysBeyondTerms() <= curve.get(i - 1).daysBeyondTerms()) {
        problems.add("paymentIndex.curve: daysBeyondTerms must increase strictly");
      }
      if (i > 0 && c.index() > curve.get(i - 1).index()) {
        problems.add("paymentIndex.curve: the index may not rise with days beyond terms");
      }
    }
    if (!onTime) {
      problems.add("paymentIndex.curve must map 0 days beyond terms (pays on time) to 80");
    }
  }
}

package dev.credence.scoring.domain;

import dev.credence.scoring.domain.ScorecardFeature.FeatureType;
import dev.credence.scoring.domain.ScorecardFeature.Monotonicity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The rules a model must pass before it may score anyone: complete and contiguous bins, a missing
 * bin, integer points, declared monotonicity, no protected attribute, only known features, totals
 * inside the published scale, and bands that tile the scale. Returns every problem, not the first.
 */
public final class ScorecardValidator {

  /**
   * Protected attributes (GDPR Art. 9, ECOA / Regulation B) that may never be features, matched
   * against the words of a feature name. Account age is named {@code months_since_…}, never "age".
   */
  static final Set<String> PROTECTED_WORDS =
      Set.of(
          "age",
          "birth",
          "birthdate",
          "dob",
          "sex",
          "gender",
          "marital",
          "married",
          "spouse",
          "race",
          "racial",
          "ethnic",
          "ethnicity",
          "religion",
          "religious",
          "belief",
          "faith",
          "national",
          "nationality",
          "citizenship",
          "foreign",
          "immigration",
          "political",
          "union",
          "health",
          "disability",
          "pregnancy",
          "genetic",
          "biometric",
          "orientation",
          "sexual",
          "postcode",
          "zip",
          "location");

  private final Set<String> knownFeatures;
  private final Set<String> numericFeatures;

  /**
   * Validates against these features; those of them the person {@link FeatureCatalog} computes are
   * numbers and must be declared numeric.
   */
  public ScorecardValidator(Set<String> knownFeatures) {
    this(
        knownFeatures,
        knownFeatures.stream()
            .filter(FeatureCatalog.names()::contains)
            .collect(java.util.stream.Collectors.toUnmodifiableSet()));
  }

  /** Validates against these features, of which {@code numericFeatures} must be numeric. */
  public ScorecardValidator(Set<String> knownFeatures, Set<String> numericFeatures) {
    this.knownFeatures = Set.copyOf(knownFeatures);
    this.numericFeatures = Set.copyOf(numericFeatures);
  }

  public List<String> validate(Scorecard card) {
    List<String> problems = new ArrayList<>();
    require(problems, notBlank(card.id()), "id is required");
    require(problems, notBlank(card.version()), "version is required");
    ModelNames.check(problems, "id", card.id());
    ModelNames.check(problems, "version", card.version());
    require(
        problems,
        "PERSON".equals(card.subjectType()) || "ORGANISATION".equals(card.subjectType()),
        "subjectType must be PERSON or ORGANISATION");
    require(problems, notBlank(card.description()), "description is required");
    require(
        problems,
        notBlank(card.provenance()),
        "provenance is required (say where the points come from)");

    Scaling s = card.scaling();
    boolean scalingOk = s != null && s.min() != null && s.max() != null;
    if (s == null) {
      problems.add("scaling is required");
    } else {
      require(problems, s.baseScore() != null, "scaling.baseScore is required");
      require(problems, s.baseOdds() != null && s.baseOdds() > 0, "scaling.baseOdds must be > 0");
      require(problems, s.pdo() != null && s.pdo() > 0, "scaling.pdo must be > 0");
      require(
          problems,
          scalingOk && s.min() < s.max(),
          "scaling.min and scaling.max are required, min < max");
    }

    MinimumScoringCriteria msc = card.minimumScoringCriteria();
    require(
        problems,
        msc != null
            && msc.minimumTradelines() != null
            && msc.minimumTradelines() >= 1
            && msc.recentActivityMonths() != null
            && msc.recentActivityMonths() >= 1,
        "minimumScoringCriteria needs minimumTradelines >= 1 and recentActivityMonths >= 1");

    if (card.features() == null || card.features().isEmpty()) {
      problems.add("features: at least one feature is required");
      return problems;
    }
    Set<String> names = new HashSet<>();
    boolean featuresOk = true;
    for (int i = 0; i < card.features().size(); i++) {
      ScorecardFeature f = card.features().get(i);
      String where = "feature '" + (f.name() == null ? "#" + i : f.name()) + "'";
      int before = problems.size();
      validateFeature(f, where, names, problems);
      featuresOk &= problems.size() == before;
    }
    distinctReasonCodes(card.features(), problems);

    if (featuresOk && scalingOk) {
      int lowest = card.minimumTotal();
      int highest = card.maximumTotal();
      require(
          problems,
          lowest >= s.min(),
          "the lowest attainable total " + lowest + " is below scaling.min " + s.min());
      require(
          problems,
          highest <= s.max(),
          "the highest attainable total " + highest + " is above scaling.max " + s.max());
    }
    if (scalingOk) {
      validateBands(card.bands(), s, problems);
    }
    return problems;
  }

  /**
   * A reason code names one feature: shared by two, a response could list the same key factor twice
   * (leaving fewer than four distinct ones) and a person could not tell which input it means.
   */
  private static void distinctReasonCodes(List<ScorecardFeature> features, List<String> problems) {
    java.util.Map<String, String> owner = new java.util.HashMap<>();
    for (ScorecardFeature f : features) {
      for (String code :
          new java.util.LinkedHashSet<>(
              java.util.Arrays.asList(f.reasonCode(), f.missingReasonCode()))) {
        if (!notBlank(code) || f.name() == null) {
          continue;
        }
        String other = owner.putIfAbsent(code, f.name());
        if (other != null && !other.equals(f.name())) {
          problems.add(
              "reason code "
                  + code
                  + " is used by features '"
                  + other
                  + "' and '"
                  + f.name()
                  + "': each key factor must name one feature");
        }
      }
    }
  }

  private void validateFeature(
      ScorecardFeature f, String where, Set<String> names, List<String> problems) {
    if (!notBlank(f.name())) {
      problems.add(where + ": name is required");
      return;
    }
    String word = protectedWord(f.name());
    if (word != null) {
      problems.add(
          where
              + ": '"
              + word
              + "' is a protected attribute and may never be a feature (GDPR Art. 9, ECOA /"
              + " Regulation B)");
      return;
    }
    if (!knownFeatures.contains(f.name())) {
      problems.add(where + ": unknown feature; the extractor computes " + knownFeatures);
    }
    if (!names.add(f.name())) {
      problems.add(where + ": listed more than once");
    }
    require(problems, f.type() != null, where + ": type must be numeric or categorical");
    if (f.type() == FeatureType.CATEGORICAL && numericFeatures.contains(f.name())) {
      // the extractor computes every catalogue feature as a number: declared categorical, no value
      // would fall in a category, and everyone would get the missing bin and its reason
      problems.add(where + ": the extractor computes it as a number; declare it numeric");
    }
    require(
        problems,
        f.monotonic() != null,
        where + ": monotonic must be increasing, decreasing or none");
    require(problems, notBlank(f.reasonCode()), where + ": reasonCode is required");
    require(problems, notBlank(f.reasonText()), where + ": reasonText is required");
    require(
        problems,
        notBlank(f.missingReasonCode()) == notBlank(f.missingReasonText()),
        where + ": missingReasonCode and missingReasonText go together");
    require(
        problems,
        f.missingPoints() != null,
        where + ": missingPoints is required (the missing bin must be present)");
    if (f.bins() == null || f.bins().isEmpty()) {
      problems.add(where + ": bins are required");
      return;
    }
    for (int i = 0; i < f.bins().size(); i++) {
      if (f.bins().get(i) == null || f.bins().get(i).points() == null) {
        problems.add(where + ": bin " + (i + 1) + " has no points");
        return;
      }
    }
    if (f.type() == FeatureType.CATEGORICAL) {
      validateCategorical(f, where, problems);
    } else if (f.type() == FeatureType.NUMERIC) {
      validateNumeric(f, where, problems);
    }
    if (f.monotonic() != null && f.monotonic() != Monotonicity.NONE) {
      if (f.type() == FeatureType.CATEGORICAL) {
        problems.add(where + ": a categorical feature has no order; declare monotonic none");
      } else {
        validateMonotonic(f, where, problems);
      }
    }
  }

  private void validateNumeric(ScorecardFeature f, String where, List<String> problems) {
    List<Bin> bins = f.bins();
    for (int i = 0; i < bins.size(); i++) {
      Bin b = bins.get(i);
      if (b.categories() != null) {
        problems.add(where + ": bin " + (i + 1) + " of a numeric feature lists categories");
      }
      if (b.lower() != null && b.upper() != null && !(b.lower() < b.upper())) {
        problems.add(
            where + ": bin " + (i + 1) + " " + b.label() + " is empty (lower must be < upper)");
      }
    }
    if (bins.get(0).lower() != null) {
      problems.add(
          where
              + ": the first bin must start unbounded (lower null) so every value has a bin, not at "
              + bins.get(0).lower());
    }
    if (bins.get(bins.size() - 1).upper() != null) {
      problems.add(
          where
              + ": the last bin must end unbounded (upper null) so every value has a bin, not at "
              + bins.get(bins.size() - 1).upper());
    }
    for (int i = 0; i + 1 < bins.size(); i++) {
      Bin a = bins.get(i);
      Bin b = bins.get(i + 1);
      if (a.upper() == null || b.lower() == null) {
        problems.add(
            where
                + ": bins "
                + (i + 1)
                + " "
                + a.label()
                + " and "
                + (i + 2)
                + " "
                + b.label()
                + " overlap (only the first bin may start and only the last may end unbounded)");
      } else if (a.upper() < b.lower()) {
        problems.add(
            where
                + ": gap between bin "
                + (i + 1)
                + " "
                + a.label()
                + " and bin "
                + (i + 2)
                + " "
                + b.label()
                + ": values in ["
                + a.upper()
                + ", "
                + b.lower()
                + ") have no bin");
      } else if (a.upper() > b.lower()) {
        problems.add(
            where
                + ": bins "
                + (i + 1)
                + " "
                + a.label()
                + " and "
                + (i + 2)
                + " "
                + b.label()
                + " overlap on ["
                + b.lower()
                + ", "
                + a.upper()
                + ")");
      }
    }
  }

  private void validateCategorical(ScorecardFeature f, String where, List<String> problems) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < f.bins().size(); i++) {
      Bin b = f.bins().get(i);
      if (b.categories() == null || b.categories().isEmpty()) {
        problems.add(where + ": categorical bin " + (i + 1) + " lists no categories");
        continue;
      }
      if (b.lower() != null || b.upper() != null) {
        problems.add(where + ": categorical bin " + (i + 1) + " has numeric edges");
      }
      for (String c : b.categories()) {
        if (!seen.add(c)) {
          problems.add(where + ": category '" + c + "' is in more than one bin");
        }
      }
    }
  }

  private void validateMonotonic(ScorecardFeature f, String where, List<String> problems) {
    boolean increasing = f.monotonic() == Monotonicity.INCREASING;
    for (int i = 0; i + 1 < f.bins().size(); i++) {
      int a = f.bins().get(i).points();
      int b = f.bins().get(i + 1).points();
      if (increasing ? b < a : b > a) {
        problems.add(
            where
                + ": declared monotonic "
                + f.monotonic().name().toLowerCase(Locale.ROOT)
                + " but bin "
                + (i + 2)
                + " "
                + f.bins().get(i + 1).label()
                + " has "
                + b
                + " points after bin "
                + (i + 1)
                + " "
                + f.bins().get(i).label()
                + " with "
                + a);
      }
    }
  }

  private static void validateBands(List<Band> bands, Scaling s, List<String> problems) {
    if (bands == null || bands.isEmpty()) {
      problems.add("bands are required and must cover scaling.min to scaling.max");
      return;
    }
    int expected = s.min();
    for (int i = 0; i < bands.size(); i++) {
      Band b = bands.get(i);
      if (b == null
          || !notBlank(b.name())
          || b.min() == null
          || b.max() == null
          || b.min() > b.max()) {
        problems.add("band " + (i + 1) + " needs a name and min <= max");
        return;
      }
      if (b.min() != expected) {
        problems.add(
            "band '"
                + b.name()
                + "' starts at "
                + b.min()
                + " but must start at "
                + expected
                + " (bands must be contiguous from scaling.min)");
        return;
      }
      expected = b.max() + 1;
    }
    if (expected - 1 != s.max()) {
      problems.add(
          "the last band ends at " + (expected - 1) + " but must end at scaling.max " + s.max());
    }
  }

  /** The protected word in a feature name, or null. Words are split on non-letters and case. */
  static String protectedWord(String name) {
    String spaced = name.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    for (String word : spaced.split("[^a-z]+")) {
      if (PROTECTED_WORDS.contains(word)) {
        return word;
      }
    }
    String squashed = spaced.replaceAll("[^a-z]", "");
    for (String phrase : List.of("nationalorigin", "dateofbirth", "maritalstatus", "tradeunion")) {
      if (squashed.contains(phrase)) {
        return phrase;
      }
    }
    return null;
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }

  private static void require(List<String> problems, boolean ok, String problem) {
    if (!ok) {
      problems.add(problem);
    }
  }
}

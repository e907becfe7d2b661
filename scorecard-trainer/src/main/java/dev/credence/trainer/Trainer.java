package dev.credence.trainer;

import dev.credence.trainer.TrainerConfig.FeatureSettings;
import dev.credence.trainer.binning.Binner;
import dev.credence.trainer.binning.FeatureBinning;
import dev.credence.trainer.binning.FeatureBinning.Monotonic;
import dev.credence.trainer.binning.FeatureBinning.Type;
import dev.credence.trainer.data.Dataset;
import dev.credence.trainer.model.LogisticRegression;
import dev.credence.trainer.model.ScoredFeature;
import dev.credence.trainer.model.TrainedScorecard;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fits a points scorecard on training rows: bin every candidate feature (WoE, IV), select by IV and
 * WoE correlation, fit L2 logistic regression of good vs bad on the WoE codes, drop features whose
 * coefficient is not positive (a negative one would reverse the bins' meaning) and refit, then
 * scale to integer points: {@code points = round(factor·(β·WoE + α/n) + offset/n)} with {@code
 * ln(odds good:bad) = α + Σβ·WoE} — higher points, lower risk, as scoring-service reads them.
 */
public final class Trainer {
  private final TrainerConfig config;

  public Trainer(TrainerConfig config) {
    this.config = config;
  }

  /** Why each candidate feature is in or out. */
  public record Decision(String feature, double iv, String outcome, String detail) {}

  /** The fitted card with everything the report needs about how it was obtained. */
  public record Fitted(
      TrainedScorecard card,
      List<FeatureBinning> candidates,
      List<Decision> decisions,
      LogisticRegression.Fit fit) {}

  /**
   * The features training may use: declared ones (each must exist and must not be protected,
   * excluded or the target), or every column but the protected and excluded ones.
   */
  public List<String> candidateFeatures(Dataset data) {
    java.util.Set<String> protectedCols = protectedColumns();
    if (config.features() != null) {
      for (String f : config.features()) {
        if (protectedCols.contains(f)) {
          throw new TrainingException(protectedRefusal(f));
        }
        String word = ProtectedNames.protectedWord(f);
        if (word != null) {
          throw new TrainingException(
              f
                  + " names a protected attribute or a close proxy of one ('"
                  + word
                  + "'): it may not be a feature (scoring-service would refuse the model too);"
                  + " if it is none, rename the column");
        }
        if (f.equals(config.target().column())) {
          throw new TrainingException(f + " is the target column; it cannot be a feature");
        }
        if (!data.has(f)) {
          throw new TrainingException(
              "feature '" + f + "' is not a column of the data; columns are " + data.columnNames());
        }
      }
      return List.copyOf(config.features());
    }
    return data.columnNames().stream()
        .filter(c -> !protectedCols.contains(c) && !config.excludeList().contains(c))
        .filter(c -> ProtectedNames.protectedWord(c) == null)
        .toList();
  }

  /**
   * The columns that may never be features: those the config declares protected and every column
   * the fairness report groups by (a column is tested for fairness because it is protected).
   */
  public java.util.Set<String> protectedColumns() {
    java.util.Set<String> out = new java.util.LinkedHashSet<>(config.protectedList());
    if (config.fairness() != null && config.fairness().attributes() != null) {
      config.fairness().attributes().forEach(a -> out.add(a.column()));
    }
    return out;
  }

  public static String protectedRefusal(String column) {
    return column
        + " is a protected attribute (GDPR Art. 9 / ECOA): it may be used only for the fairness"
        + " report, never as a feature";
  }

  public Fitted fit(Dataset train) {
    return fit(train, true);
  }

  /**
   * @param checkScale false for assessment fits (cross-validation, other split seeds), whose points
   *     are only measured, never published: their totals need not fit the scale
   */
  public Fitted fit(Dataset train, boolean checkScale) {
    List<String> names = candidateFeatures(train);
    Binner binner = new Binner(config.preBins(), config.minBinShare());
    boolean[] bad = train.bad();
    List<FeatureBinning> binnings = new ArrayList<>();
    for (String name : names) {
      FeatureSettings s = config.settingsOf(name);
      Type type =
          s.type() != null
              ? Type.valueOf(s.type().toUpperCase(Locale.ROOT))
              : train.looksNumeric(name) ? Type.NUMERIC : Type.CATEGORICAL;
      FeatureBinning fb =
          binner.bin(
              name,
              train.column(name),
              bad,
              type,
              s.monotonic(),
              s.specialValues(),
              s.edges(),
              s.groups());
      checkManualMonotonic(fb, s);
      binnings.add(fb);
    }

    // selection: IV threshold, then greedy by IV against |corr(WoE)|
    Map<String, Decision> decisions = new LinkedHashMap<>();
    List<FeatureBinning> byIv =
        binnings.stream()
            .sorted(Comparator.comparingDouble(FeatureBinning::iv).reversed())
            .toList();
    List<FeatureBinning> kept = new ArrayList<>();
    Map<String, double[]> woe = new LinkedHashMap<>();
    for (FeatureBinning fb : byIv) {
      if (fb.iv() < config.minIv()) {
        decisions.put(
            fb.name(),
            new Decision(
                fb.name(),
                fb.iv(),
                "DROPPED_LOW_IV",
                String.format(Locale.ROOT, "IV %.4f < %.4f", fb.iv(), config.minIv())));
        continue;
      }
      double[] codes = woeColumn(train, fb);
      String clash = null;
      for (FeatureBinning k : kept) {
        double r = correlation(codes, woe.get(k.name()));
        if (Math.abs(r) > config.maxCorrelation()) {
          clash =
              String.format(
                  Locale.ROOT,
                  "|corr(WoE)| with %s (IV %.4f) is %.3f > %.2f",
                  k.name(),
                  k.iv(),
                  Math.abs(r),
                  config.maxCorrelation());
          break;
        }
      }
      if (clash != null) {
        decisions.put(fb.name(), new Decision(fb.name(), fb.iv(), "DROPPED_CORRELATED", clash));
        continue;
      }
      kept.add(fb);
      woe.put(fb.name(), codes);
    }
    if (kept.isEmpty()) {
      throw new TrainingException(
          "no feature passes the selection (IV >= " + config.minIv() + "); nothing to fit");
    }

    // fit; drop non-positive coefficients one at a time (the most negative first) and refit
    LogisticRegression.Fit fit;
    while (true) {
      double[][] x = new double[train.size()][kept.size()];
      for (int j = 0; j < kept.size(); j++) {
        double[] c = woe.get(kept.get(j).name());
        for (int i = 0; i < x.length; i++) {
          x[i][j] = c[i];
        }
      }
      boolean[] good = new boolean[bad.length];
      for (int i = 0; i < bad.length; i++) {
        good[i] = !bad[i];
      }
      fit = LogisticRegression.fit(x, good, config.l2());
      int worst = -1;
      for (int j = 0; j < kept.size(); j++) {
        if (fit.coefficients()[j] <= 0
            && (worst < 0 || fit.coefficients()[j] < fit.coefficients()[worst])) {
          worst = j;
        }
      }
      if (worst < 0) {
        break;
      }
      if (kept.size() == 1) {
        // its points would run backwards: more risk, more points
        throw new TrainingException(
            "the only feature left, "
                + kept.get(0).name()
                + ", gets a non-positive coefficient: no scorecard can be fitted from these"
                + " features");
      }
      FeatureBinning gone = kept.remove(worst);
      decisions.put(
          gone.name(),
          new Decision(
              gone.name(),
              gone.iv(),
              "DROPPED_NEGATIVE_COEFFICIENT",
              String.format(
                  Locale.ROOT,
                  "coefficient %.4f <= 0 given the other features (its WoE would score backwards)",
                  fit.coefficients()[worst])));
    }
    for (int j = 0; j < kept.size(); j++) {
      FeatureBinning fb = kept.get(j);
      decisions.put(
          fb.name(),
          new Decision(
              fb.name(),
              fb.iv(),
              "SELECTED",
              String.format(Locale.ROOT, "coefficient %.4f", fit.coefficients()[j])));
    }

    TrainedScorecard card = scale(kept, fit, checkScale);
    List<Decision> ordered = new ArrayList<>();
    for (FeatureBinning fb : byIv) {
      ordered.add(decisions.get(fb.name()));
    }
    return new Fitted(card, binnings, ordered, fit);
  }

  private TrainedScorecard scale(
      List<FeatureBinning> kept, LogisticRegression.Fit fit, boolean checkScale) {
    var sc = config.scalingOrDefault();
    TrainedScorecard.Scaling scaling =
        new TrainedScorecard.Scaling(sc.baseScore(), sc.baseOdds(), sc.pdo(), sc.min(), sc.max());
    double factor = scaling.factor();
    double offset = scaling.offset();
    int n = kept.size();
    List<ScoredFeature> features = new ArrayList<>();
    for (int j = 0; j < n; j++) {
      FeatureBinning fb = kept.get(j);
      double beta = fit.coefficients()[j];
      int[] points = new int[fb.bins().size()];
      for (int b = 0; b < points.length; b++) {
        double w = fb.bins().get(b).woe();
        points[b] = (int) Math.round(factor * (beta * w + fit.intercept() / n) + offset / n);
      }
      FeatureSettings s = config.settingsOf(fb.name());
      String code = s.reasonCode() != null ? s.reasonCode() : fb.name().toUpperCase(Locale.ROOT);
      String text = s.reasonText() != null ? s.reasonText() : "Value of " + fb.name();
      features.add(
          new ScoredFeature(
              fb, beta, points, code, text, s.missingReasonCode(), s.missingReasonText()));
    }
    TrainedScorecard card =
        new TrainedScorecard(
            config.model().id(),
            config.model().version(),
            config.subjectType(),
            config.model().description() == null
                ? "Scorecard fitted by the Credence trainer"
                : config.model().description(),
            "(set after validation)",
            scaling,
            config.bandsOrDefault().stream()
                .map(b -> new TrainedScorecard.Band(b.name(), b.min(), b.max()))
                .toList(),
            config.criteriaOrDefault().minimumTradelines(),
            config.criteriaOrDefault().recentActivityMonths(),
            fit.intercept(),
            features);
    if (checkScale
        && (card.minimumTotal() < scaling.min() || card.maximumTotal() > scaling.max())) {
      throw new TrainingException(
          "attainable totals "
              + card.minimumTotal()
              + ".."
              + card.maximumTotal()
              + " do not fit the scale "
              + scaling.min()
              + ".."
              + scaling.max()
              + "; change scaling.baseScore / baseOdds / pdo or the scale");
    }
    return card;
  }

  private static void checkManualMonotonic(FeatureBinning fb, FeatureSettings s) {
    if (s.edges() == null || s.edges().isEmpty() || fb.monotonic() == Monotonic.NONE) {
      return;
    }
    for (int i = 0; i + 1 < fb.bins().size(); i++) {
      var a = fb.bins().get(i);
      var b = fb.bins().get(i + 1);
      if (a.kind() != b.kind() || a.kind() != dev.credence.trainer.binning.BinStat.Kind.INTERVAL) {
        continue;
      }
      boolean violates =
          fb.monotonic() == Monotonic.INCREASING ? b.woe() < a.woe() : b.woe() > a.woe();
      if (violates) {
        throw new TrainingException(
            String.format(
                Locale.ROOT,
                "feature '%s': the manual edges give WoE %.3f in %s after %.3f in %s, which is"
                    + " not %s; change the edges or declare monotonic none",
                fb.name(),
                b.woe(),
                b.label(),
                a.woe(),
                a.label(),
                fb.monotonic().name().toLowerCase(Locale.ROOT)));
      }
    }
  }

  static double[] woeColumn(Dataset data, FeatureBinning fb) {
    String[] raw = data.column(fb.name());
    double[] c = new double[raw.length];
    for (int i = 0; i < raw.length; i++) {
      c[i] = fb.woeOf(raw[i]);
    }
    return c;
  }

  static double correlation(double[] a, double[] b) {
    return new org.apache.commons.math3.stat.correlation.PearsonsCorrelation().correlation(a, b);
  }
}

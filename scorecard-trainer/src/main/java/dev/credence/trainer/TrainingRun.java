package dev.credence.trainer;

import dev.credence.trainer.binning.BinStat;
import dev.credence.trainer.binning.FeatureBinning;
import dev.credence.trainer.data.Dataset;
import dev.credence.trainer.data.Split;
import dev.credence.trainer.model.ScoredFeature;
import dev.credence.trainer.model.TrainedScorecard;
import dev.credence.trainer.report.Fairness;
import dev.credence.trainer.report.Metrics;
import dev.credence.trainer.report.Stability;
import dev.credence.trainer.report.ValidationReport;
import dev.credence.trainer.report.ValidationReport.BandRow;
import dev.credence.trainer.report.ValidationReport.BinRow;
import dev.credence.trainer.report.ValidationReport.CalibrationRow;
import dev.credence.trainer.report.ValidationReport.FeatureReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One training run end to end: seeded stratified split, fit on train, measure on train and test,
 * optional k-fold cross-validated AUC, fairness on the protected attributes, optional stability
 * against a later sample, and an honest provenance text written into the model.
 */
public final class TrainingRun {

  public record Result(
      TrainedScorecard card,
      Trainer.Fitted fitted,
      ValidationReport report,
      Dataset train,
      Dataset test) {}

  private final TrainerConfig config;

  public TrainingRun(TrainerConfig config) {
    this.config = config;
  }

  /**
   * @param source how to name the data in the report and provenance (e.g. its path)
   * @param cvFolds 0 for none, else k for k-fold cross-validated AUC (seeded with the split seed)
   * @param later an optional later sample for the stability report (null for none)
   */
  public Result run(Dataset data, String source, int cvFolds, Dataset later) {
    Trainer trainer = new Trainer(config);
    trainer.candidateFeatures(data); // refuses protected features before any work
    Split.TrainTest split = Split.trainTest(data.bad(), config.testShare(), config.seed());
    Dataset train = data.subset(split.train());
    Dataset test = data.subset(split.test());
    Trainer.Fitted fitted = trainer.fit(train);
    TrainedScorecard card = fitted.card();

    int[] trainScores = card.scores(train);
    int[] testScores = card.scores(test);
    ValidationReport.Performance trainPerf = performance(trainScores, train.bad());
    ValidationReport.Performance testPerf = performance(testScores, test.bad());

    ValidationReport.CrossValidation cv = cvFolds > 1 ? crossValidate(data, cvFolds) : null;

    Fairness.Report fairness = null;
    if (config.fairness() != null && config.fairness().attributes() != null) {
      int[] all = card.scores(data);
      int cutoff =
          config.fairness().cutoff() != null
              ? config.fairness().cutoff()
              : Fairness.cutoffForApprovalRate(
                  all,
                  config.fairness().approvalRate() == null
                      ? 0.7
                      : config.fairness().approvalRate());
      fairness =
          Fairness.report(
              "all " + data.size() + " labelled rows (train and test), scored by the final model",
              data,
              all,
              cutoff,
              config.fairness().attributes());
    }
    Stability.Report stability = later == null ? null : Stability.compare(card, train, later);

    String provenance = provenance(source, data, train, test, trainPerf, testPerf, cv, fitted);
    card = card.withProvenance(provenance);

    ValidationReport report =
        new ValidationReport(
            card.key(),
            "Credence scorecard-trainer",
            new ValidationReport.DataSummary(
                source,
                config.dataDescription(),
                data.size(),
                data.bads(),
                (double) data.bads() / data.size(),
                train.size(),
                train.bads(),
                test.size(),
                test.bads()),
            new ValidationReport.Settings(
                config.seed(),
                config.testShare(),
                config.preBins(),
                config.minBinShare(),
                config.minIv(),
                config.maxCorrelation(),
                config.l2(),
                card.scaling().baseScore(),
                card.scaling().baseOdds(),
                card.scaling().pdo(),
                card.scaling().min(),
                card.scaling().max(),
                card.intercept(),
                card.minimumTotal(),
                card.maximumTotal()),
            trainPerf,
            testPerf,
            cv,
            bands(card, trainScores, train.bad(), testScores, test.bad()),
            calibration(card, testScores, test.bad()),
            features(fitted, card, train.size()),
            fairness,
            stability,
            Stability.distribution("the " + train.size() + " training rows", trainScores));
    return new Result(card, fitted, report, train, test);
  }

  /** Mean test AUC over {@code seeds} differently seeded 70/30 splits (and each one). */
  public double[] testAucOverSeeds(Dataset data, long[] seeds) {
    double[] aucs = new double[seeds.length];
    for (int i = 0; i < seeds.length; i++) {
      TrainerConfig c = config.withSeed(seeds[i]);
      Split.TrainTest split = Split.trainTest(data.bad(), c.testShare(), seeds[i]);
      Dataset train = data.subset(split.train());
      Dataset test = data.subset(split.test());
      TrainedScorecard card = new Trainer(c).fit(train, false).card();
      aucs[i] = Metrics.auc(card.scores(test), test.bad());
    }
    return aucs;
  }

  ValidationReport.CrossValidation crossValidate(Dataset data, int k) {
    int[][] folds = Split.folds(data.bad(), k, config.seed());
    List<Double> aucs = new ArrayList<>();
    for (int[] held : folds) {
      Dataset train = data.subset(Split.complement(data.size(), held));
      Dataset test = data.subset(held);
      TrainedScorecard card = new Trainer(config).fit(train, false).card();
      aucs.add(Metrics.auc(card.scores(test), test.bad()));
    }
    double mean = aucs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    double var = aucs.stream().mapToDouble(a -> (a - mean) * (a - mean)).sum() / (k - 1);
    return new ValidationReport.CrossValidation(k, config.seed(), aucs, mean, Math.sqrt(var));
  }

  static ValidationReport.Performance performance(int[] scores, boolean[] bad) {
    double auc = Metrics.auc(scores, bad);
    Metrics.Ks ks = Metrics.ks(scores, bad);
    List<Metrics.CurvePoint> curve = Metrics.curve(scores, bad);
    List<double[]> roc = new ArrayList<>();
    List<double[]> ksCurve = new ArrayList<>();
    for (Metrics.CurvePoint p : curve) {
      roc.add(new double[] {round(p.goodsRejected()), round(p.badsRejected())});
      if (Double.isFinite(p.threshold())) {
        ksCurve.add(
            new double[] {p.threshold(), round(p.badsRejected()), round(p.goodsRejected())});
      }
    }
    int bads = 0;
    for (boolean b : bad) {
      bads += b ? 1 : 0;
    }
    return new ValidationReport.Performance(
        scores.length, bads, auc, 2 * auc - 1, ks.value(), ks.atScore(), roc, ksCurve);
  }

  private static List<BandRow> bands(
      TrainedScorecard card,
      int[] trainScores,
      boolean[] trainBad,
      int[] testScores,
      boolean[] testBad) {
    List<BandRow> rows = new ArrayList<>();
    for (TrainedScorecard.Band b : card.bands()) {
      int[] tr = count(b, trainScores, trainBad);
      int[] te = count(b, testScores, testBad);
      rows.add(new BandRow(b.name(), b.min(), b.max(), tr[0], tr[1], te[0], te[1]));
    }
    return rows;
  }

  private static int[] count(TrainedScorecard.Band b, int[] scores, boolean[] bad) {
    int n = 0;
    int bads = 0;
    for (int i = 0; i < scores.length; i++) {
      if (scores[i] >= b.min() && scores[i] <= b.max()) {
        n++;
        bads += bad[i] ? 1 : 0;
      }
    }
    return new int[] {n, bads};
  }

  private static List<CalibrationRow> calibration(
      TrainedScorecard card, int[] scores, boolean[] bad) {
    Integer[] order = new Integer[scores.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingInt(i -> scores[i]));
    List<CalibrationRow> rows = new ArrayList<>();
    for (int d = 0; d < 10; d++) {
      int from = d * scores.length / 10;
      int to = (d + 1) * scores.length / 10;
      if (to <= from) {
        continue;
      }
      double predicted = 0;
      int bads = 0;
      for (int k = from; k < to; k++) {
        predicted += card.scaling().badProbability(scores[order[k]]);
        bads += bad[order[k]] ? 1 : 0;
      }
      rows.add(
          new CalibrationRow(
              d + 1,
              scores[order[from]],
              scores[order[to - 1]],
              to - from,
              predicted / (to - from),
              (double) bads / (to - from)));
    }
    return rows;
  }

  private static List<FeatureReport> features(Trainer.Fitted fitted, TrainedScorecard card, int n) {
    Map<String, ScoredFeature> scored =
        card.features().stream()
            .collect(Collectors.toMap(ScoredFeature::name, Function.identity()));
    Map<String, FeatureBinning> binnings =
        fitted.candidates().stream()
            .collect(Collectors.toMap(FeatureBinning::name, Function.identity()));
    int totalBads = 0;
    int totalGoods = 0;
    FeatureBinning any = fitted.candidates().get(0);
    for (BinStat b : any.bins()) {
      totalBads += b.bads();
      totalGoods += b.goods();
    }
    List<FeatureReport> out = new ArrayList<>();
    for (Trainer.Decision d : fitted.decisions()) {
      FeatureBinning fb = binnings.get(d.feature());
      ScoredFeature sf = scored.get(d.feature());
      List<BinRow> bins = new ArrayList<>();
      for (int i = 0; i < fb.bins().size(); i++) {
        BinStat b = fb.bins().get(i);
        double iv =
            b.count() == 0
                ? 0
                : ((double) b.goods() / totalGoods - (double) b.bads() / totalBads) * b.woe();
        bins.add(
            new BinRow(
                b.label(),
                b.count(),
                (double) b.count() / n,
                b.goods(),
                b.bads(),
                b.badRate(),
                b.woe(),
                iv,
                sf == null ? null : sf.points()[i]));
      }
      out.add(
          new FeatureReport(
              fb.name(),
              fb.type().name().toLowerCase(Locale.ROOT),
              fb.monotonic().name().toLowerCase(Locale.ROOT),
              fb.iv(),
              d.outcome(),
              d.detail(),
              sf == null ? null : sf.coefficient(),
              bins));
    }
    return out;
  }

  private String provenance(
      String source,
      Dataset data,
      Dataset train,
      Dataset test,
      ValidationReport.Performance trainPerf,
      ValidationReport.Performance testPerf,
      ValidationReport.CrossValidation cv,
      Trainer.Fitted fitted) {
    var card = fitted.card();
    String features =
        card.features().stream()
            .map(f -> String.format(Locale.ROOT, "%s (IV %.3f)", f.name(), f.binning().iv()))
            .collect(Collectors.joining(", "));
    return String.format(
        Locale.ROOT,
        "Fitted by the Credence scorecard-trainer on %s: %s, %d rows, %d bad (%.1f%%). Seeded"
            + " stratified split, seed %d, test share %.2f: %d train rows (%d bad), %d test rows"
            + " (%d bad). Weight-of-evidence binning on the training rows (%d quantile pre-bins,"
            + " minimum bin share %.0f%%, monotonic WoE for ordered numeric features, missing in"
            + " its own bin), selection by IV >= %.2f and |corr(WoE)| <= %.2f, logistic"
            + " regression of good vs bad on WoE with L2 penalty %.2f (IRLS), features with a"
            + " non-positive coefficient dropped; points = round(factor x (beta x WoE + alpha/n) +"
            + " offset/n) with base score %s at good:bad odds %s:1 and %s points to double"
            + " the odds. Features: %s. Train AUC %.3f, Gini %.3f, KS %.3f; test AUC %.3f, Gini"
            + " %.3f, KS %.3f%s. Validation report: report.json / report.html of the same run.",
        source,
        config.dataDescription() == null ? "labelled data" : config.dataDescription(),
        data.size(),
        data.bads(),
        100.0 * data.bads() / data.size(),
        config.seed(),
        config.testShare(),
        train.size(),
        train.bads(),
        test.size(),
        test.bads(),
        config.preBins(),
        100 * config.minBinShare(),
        config.minIv(),
        config.maxCorrelation(),
        config.l2(),
        exact(card.scaling().baseScore()),
        exact(card.scaling().baseOdds()),
        exact(card.scaling().pdo()),
        features,
        trainPerf.auc(),
        trainPerf.gini(),
        trainPerf.ks(),
        testPerf.auc(),
        testPerf.gini(),
        testPerf.ks(),
        cv == null
            ? ""
            : String.format(
                Locale.ROOT,
                "; %d-fold cross-validated AUC %.3f +/- %.3f",
                cv.folds(),
                cv.mean(),
                cv.sd()));
  }

  private static double round(double d) {
    return Math.round(d * 1e4) / 1e4;
  }

  /** A scaling constant as written in the config: 650, 1.5 (never rounded to "2"). */
  static String exact(double value) {
    return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}

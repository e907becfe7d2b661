package dev.credence.trainer.report;

import java.util.List;

/** Everything the validation report says, serialised as report.json and drawn in report.html. */
public record ValidationReport(
    String model,
    String generatedBy,
    DataSummary data,
    Settings settings,
    Performance train,
    Performance test,
    CrossValidation crossValidation,
    List<BandRow> bands,
    List<CalibrationRow> calibration,
    List<FeatureReport> features,
    Fairness.Report fairness,
    Stability.Report stability,
    Stability.ScoreDistribution trainScores) {

  public record DataSummary(
      String source,
      String description,
      int rows,
      int bads,
      double badRate,
      int trainRows,
      int trainBads,
      int testRows,
      int testBads) {}

  public record Settings(
      long seed,
      double testShare,
      int preBins,
      double minBinShare,
      double minIv,
      double maxCorrelation,
      double l2,
      double baseScore,
      double baseOdds,
      double pdo,
      int scaleMin,
      int scaleMax,
      double intercept,
      int attainableMin,
      int attainableMax) {}

  /** ROC points as [goods rejected, bads rejected]; KS points as [score, bads%, goods%]. */
  public record Performance(
      int rows,
      int bads,
      double auc,
      double gini,
      double ks,
      double ksAtScore,
      List<double[]> roc,
      List<double[]> ksCurve) {}

  public record CrossValidation(int folds, long seed, List<Double> aucs, double mean, double sd) {}

  public record BandRow(
      String band, int min, int max, int trainRows, int trainBads, int testRows, int testBads) {}

  /** Test rows by score decile: mean predicted bad probability (from the scaling) vs observed. */
  public record CalibrationRow(
      int decile,
      int minScore,
      int maxScore,
      int rows,
      double predictedBadRate,
      double observedBadRate) {}

  public record BinRow(
      String bin,
      int rows,
      double share,
      int goods,
      int bads,
      double badRate,
      double woe,
      double iv,
      Integer points) {}

  public record FeatureReport(
      String name,
      String type,
      String monotonic,
      double iv,
      String outcome,
      String detail,
      Double coefficient,
      List<BinRow> bins) {}
}

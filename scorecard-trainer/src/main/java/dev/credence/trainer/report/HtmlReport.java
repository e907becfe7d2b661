package dev.credence.trainer.report;

import dev.credence.trainer.report.ValidationReport.BandRow;
import dev.credence.trainer.report.ValidationReport.BinRow;
import dev.credence.trainer.report.ValidationReport.CalibrationRow;
import dev.credence.trainer.report.ValidationReport.FeatureReport;
import java.util.List;
import java.util.Locale;

/**
 * The validation report as one self-contained HTML page: inline CSS and inline SVG plots, no
 * script, no external resource, so it can be archived with the model and opened anywhere.
 */
public final class HtmlReport {
  private static final int W = 360;
  private static final int H = 260;
  private static final int PAD = 40;

  private HtmlReport() {}

  public static String render(ValidationReport r) {
    StringBuilder h = new StringBuilder();
    h.append(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Validation report ")
        .append(esc(r.model()))
        .append("</title><style>")
        .append("body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px;color:#222}")
        .append("table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;")
        .append(
            "padding:3px 8px;text-align:right}th{background:#f0f0f0}td:first-child,th:first-child")
        .append("{text-align:left}.flag{color:#b00;font-weight:bold}.ok{color:#070}")
        .append(
            "svg{border:1px solid #ddd;margin:4px;background:#fff}figure{display:inline-block;margin:0}")
        .append("figcaption{font-size:.9em;text-align:center}")
        .append("</style></head><body>");
    h.append("<h1>Validation report: ").append(esc(r.model())).append("</h1>");
    var d = r.data();
    h.append("<p>Data: ").append(esc(d.source()));
    if (d.description() != null) {
      h.append(" — ").append(esc(d.description()));
    }
    h.append(
        String.format(
            Locale.ROOT,
            ". %d rows, %d bad (%.1f%%); train %d (%d bad), test %d (%d bad).</p>",
            d.rows(),
            d.bads(),
            100 * d.badRate(),
            d.trainRows(),
            d.trainBads(),
            d.testRows(),
            d.testBads()));
    var s = r.settings();
    h.append(
        String.format(
            Locale.ROOT,
            "<p>Settings: split seed %d, test share %.2f; %d pre-bins, minimum bin share %.2f; IV ≥ %.3f,"
                + " |corr| ≤ %.2f; L2 %.2f. Scaling: %.0f at odds %.0f:1, PDO %.0f, scale %d–%d;"
                + " attainable totals %d–%d; intercept %.4f.</p>",
            s.seed(),
            s.testShare(),
            s.preBins(),
            s.minBinShare(),
            s.minIv(),
            s.maxCorrelation(),
            s.l2(),
            s.baseScore(),
            s.baseOdds(),
            s.pdo(),
            s.scaleMin(),
            s.scaleMax(),
            s.attainableMin(),
            s.attainableMax(),
            s.intercept()));

    h.append("<h2>Discrimination</h2><table><tr><th></th><th>rows</th><th>bads</th><th>AUC</th>")
        .append("<th>Gini</th><th>KS</th><th>KS at score</th></tr>");
    perfRow(h, "train", r.train());
    perfRow(h, "test", r.test());
    h.append("</table>");
    if (r.crossValidation() != null) {
      var cv = r.crossValidation();
      h.append(
          String.format(
              Locale.ROOT,
              "<p>%d-fold cross-validated AUC (seed %d, binning and fit redone on each fold): %.4f ± %.4f"
                  + " (folds: %s).</p>",
              cv.folds(),
              cv.seed(),
              cv.mean(),
              cv.sd(),
              String.join(
                  ", ",
                  cv.aucs().stream().map(a -> String.format(Locale.ROOT, "%.4f", a)).toList())));
    }
    h.append("<figure>")
        .append(roc(r))
        .append("<figcaption>ROC: bads rejected vs goods rejected")
        .append(" (blue train, orange test)</figcaption></figure>");
    h.append("<figure>")
        .append(ksPlot(r.test()))
        .append("<figcaption>KS (test): cumulative share")
        .append(" of bads (red) and goods (green) at or below each score</figcaption></figure>");
    h.append("<figure>")
        .append(calibrationPlot(r.calibration()))
        .append("<figcaption>Calibration")
        .append(" (test deciles): observed vs predicted bad rate</figcaption></figure>");

    h.append("<h2>Score distribution by band</h2><table><tr><th>band</th><th>scores</th>")
        .append(
            "<th>train rows</th><th>train bad rate</th><th>test rows</th><th>test bad rate</th></tr>");
    for (BandRow b : r.bands()) {
      h.append(
          String.format(
              Locale.ROOT,
              "<tr><td>%s</td><td>%d–%d</td><td>%d</td><td>%s</td><td>%d</td><td>%s</td></tr>",
              esc(b.band()),
              b.min(),
              b.max(),
              b.trainRows(),
              rate(b.trainBads(), b.trainRows()),
              b.testRows(),
              rate(b.testBads(), b.testRows())));
    }
    h.append("</table>").append(bandPlot(r.bands()));

    h.append("<h2>Calibration (test)</h2><table><tr><th>decile</th><th>scores</th><th>rows</th>")
        .append("<th>predicted bad rate</th><th>observed bad rate</th></tr>");
    for (CalibrationRow c : r.calibration()) {
      h.append(
          String.format(
              Locale.ROOT,
              "<tr><td>%d</td><td>%d–%d</td><td>%d</td><td>%.3f</td><td>%.3f</td></tr>",
              c.decile(),
              c.minScore(),
              c.maxScore(),
              c.rows(),
              c.predictedBadRate(),
              c.observedBadRate()));
    }
    h.append("</table>");

    h.append("<h2>Features</h2><table><tr><th>feature</th><th>type</th><th>IV</th><th>outcome</th>")
        .append("<th>detail</th></tr>");
    for (FeatureReport f : r.features()) {
      h.append(
          String.format(
              Locale.ROOT,
              "<tr><td>%s</td><td>%s</td><td>%.4f</td><td>%s</td><td>%s</td></tr>",
              esc(f.name()),
              f.type(),
              f.iv(),
              f.outcome(),
              esc(f.detail())));
    }
    h.append("</table>");
    for (FeatureReport f : r.features()) {
      h.append("<h3>")
          .append(esc(f.name()))
          .append("</h3><p>")
          .append(f.type())
          .append(", monotonic ")
          .append(f.monotonic())
          .append(String.format(Locale.ROOT, ", IV %.4f, %s", f.iv(), f.outcome()));
      if (f.coefficient() != null) {
        h.append(String.format(Locale.ROOT, ", coefficient %.4f", f.coefficient()));
      }
      h.append("</p><table><tr><th>bin</th><th>rows</th><th>share</th><th>goods</th><th>bads</th>")
          .append("<th>bad rate</th><th>WoE</th><th>IV</th><th>points</th></tr>");
      for (BinRow b : f.bins()) {
        h.append(
            String.format(
                Locale.ROOT,
                "<tr><td>%s</td><td>%d</td><td>%.3f</td><td>%d</td><td>%d</td><td>%s</td><td>%.4f</td><td>%.4f</td><td>%s</td></tr>",
                esc(b.bin()),
                b.rows(),
                b.share(),
                b.goods(),
                b.bads(),
                Double.isNaN(b.badRate()) ? "–" : String.format(Locale.ROOT, "%.3f", b.badRate()),
                b.woe(),
                b.iv(),
                b.points() == null ? "–" : b.points().toString()));
      }
      h.append("</table>");
    }

    if (r.fairness() != null) {
      var fr = r.fairness();
      h.append(
              "<h2>Fairness</h2><p>Protected attributes are never features; they are used only here.")
          .append(
              String.format(
                  Locale.ROOT,
                  " Population: %s. Cut-off: approve at score ≥ %d (overall approval rate %.3f)."
                      + " Reference group = the most approved group of each attribute; four-fifths flag when"
                      + " a group's approval rate is below 0.8 × the reference's. Equal-opportunity"
                      + " difference = approval rate among goods minus the reference's.</p>",
                  esc(fr.population()),
                  fr.cutoff(),
                  fr.overallApprovalRate()));
      for (Fairness.Attribute a : fr.attributes()) {
        h.append("<h3>")
            .append(esc(a.column()))
            .append("</h3><table><tr><th>group</th><th>rows</th>")
            .append("<th>bads</th><th>approval rate</th><th>ratio to ")
            .append(esc(a.referenceGroup()))
            .append("</th><th>four-fifths</th><th>mean score</th><th>Δ mean score</th>")
            .append("<th>approval among goods</th><th>equal-opportunity Δ</th></tr>");
        for (Fairness.Group g : a.groups()) {
          h.append(
              String.format(
                  Locale.ROOT,
                  "<tr><td>%s</td><td>%d</td><td>%d</td><td>%.3f</td><td>%.3f</td><td class=\"%s\">%s</td>"
                      + "<td>%.1f</td><td>%+.1f</td><td>%.3f</td><td>%+.3f</td></tr>",
                  esc(g.group()),
                  g.rows(),
                  g.bads(),
                  g.approvalRate(),
                  g.approvalRatio(),
                  g.fourFifthsFlag() ? "flag" : "ok",
                  g.fourFifthsFlag() ? "below 0.8" : "ok",
                  g.meanScore(),
                  g.meanScoreDifference(),
                  g.goodsApprovalRate(),
                  g.equalOpportunityDifference()));
        }
        h.append("</table>");
      }
    }

    if (r.stability() != null) {
      var st = r.stability();
      h.append(
          String.format(
              Locale.ROOT,
              "<h2>Stability</h2><p>Baseline %d rows (training population), later sample %d rows."
                  + " PSI &lt; 0.10 stable, 0.10–0.25 watch, &gt; 0.25 shift.</p>",
              st.baselineRows(),
              st.sampleRows()));
      h.append("<table><tr><th>what</th><th>PSI</th><th>status</th></tr>");
      psiRow(h, st.score());
      st.features().forEach(i -> psiRow(h, i));
      h.append("</table>");
    }
    h.append("</body></html>\n");
    return h.toString();
  }

  private static void psiRow(StringBuilder h, Stability.Index i) {
    h.append(
        String.format(
            Locale.ROOT,
            "<tr><td>%s</td><td>%.4f</td><td class=\"%s\">%s</td></tr>",
            esc(i.name()),
            i.psi(),
            "STABLE".equals(i.status()) ? "ok" : "flag",
            i.status()));
  }

  private static void perfRow(StringBuilder h, String name, ValidationReport.Performance p) {
    h.append(
        String.format(
            Locale.ROOT,
            "<tr><td>%s</td><td>%d</td><td>%d</td><td>%.4f</td><td>%.4f</td><td>%.4f</td><td>%.0f</td></tr>",
            name,
            p.rows(),
            p.bads(),
            p.auc(),
            p.gini(),
            p.ks(),
            p.ksAtScore()));
  }

  private static String rate(int bads, int rows) {
    return rows == 0 ? "–" : String.format(Locale.ROOT, "%.3f", (double) bads / rows);
  }

  // ---- SVG ----

  private static String svgStart() {
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\""
        + W
        + "\" height=\""
        + H
        + "\" viewBox=\"0 0 "
        + W
        + " "
        + H
        + "\">"
        + line(PAD, H - PAD, W - 10, H - PAD, "#444")
        + line(PAD, 10, PAD, H - PAD, "#444");
  }

  private static double px(double x01) {
    return PAD + x01 * (W - 10 - PAD);
  }

  private static double py(double y01) {
    return H - PAD - y01 * (H - PAD - 10);
  }

  private static String line(double x1, double y1, double x2, double y2, String color) {
    return String.format(
        Locale.ROOT,
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>",
        x1,
        y1,
        x2,
        y2,
        color);
  }

  private static String text(double x, double y, String s) {
    return String.format(
        Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\">%s</text>", x, y, esc(s));
  }

  private static String polyline(List<double[]> pts01, String color) {
    StringBuilder b =
        new StringBuilder("<polyline fill=\"none\" stroke-width=\"1.5\" stroke=\"")
            .append(color)
            .append("\" points=\"");
    for (double[] p : pts01) {
      b.append(String.format(Locale.ROOT, "%.1f,%.1f ", px(p[0]), py(p[1])));
    }
    return b.append("\"/>").toString();
  }

  private static String axes01(String xLabel, String yLabel) {
    return text(PAD - 12, H - PAD + 12, "0")
        + text(W - 20, H - PAD + 12, "1")
        + text(PAD - 14, 18, "1")
        + text(W / 2.0 - 40, H - 8, xLabel)
        + "<text x=\"12\" y=\""
        + (H / 2 + 40)
        + "\" font-size=\"10\" transform=\"rotate(-90 12 "
        + (H / 2 + 40)
        + ")\">"
        + esc(yLabel)
        + "</text>";
  }

  static String roc(ValidationReport r) {
    return svgStart()
        + line(px(0), py(0), px(1), py(1), "#bbb")
        + polyline(r.train().roc(), "#1f77b4")
        + polyline(r.test().roc(), "#ff7f0e")
        + axes01("goods rejected", "bads rejected")
        + "</svg>";
  }

  static String ksPlot(ValidationReport.Performance p) {
    if (p.ksCurve().isEmpty()) {
      return svgStart() + "</svg>";
    }
    double lo = p.ksCurve().get(0)[0];
    double hi = p.ksCurve().get(p.ksCurve().size() - 1)[0];
    double span = Math.max(hi - lo, 1);
    List<double[]> bad =
        p.ksCurve().stream().map(k -> new double[] {(k[0] - lo) / span, k[1]}).toList();
    List<double[]> good =
        p.ksCurve().stream().map(k -> new double[] {(k[0] - lo) / span, k[2]}).toList();
    double ksX = (p.ksAtScore() - lo) / span;
    return svgStart()
        + polyline(bad, "#d62728")
        + polyline(good, "#2ca02c")
        + line(px(ksX), py(0), px(ksX), py(1), "#999")
        + text(PAD - 5, H - PAD + 12, String.format(Locale.ROOT, "%.0f", lo))
        + text(W - 35, H - PAD + 12, String.format(Locale.ROOT, "%.0f", hi))
        + text(
            px(ksX) + 3, 22, String.format(Locale.ROOT, "KS %.3f at %.0f", p.ks(), p.ksAtScore()))
        + text(W / 2.0 - 10, H - 8, "score")
        + "</svg>";
  }

  static String calibrationPlot(List<CalibrationRow> rows) {
    double max = 0.05;
    for (CalibrationRow c : rows) {
      max = Math.max(max, Math.max(c.predictedBadRate(), c.observedBadRate()));
    }
    StringBuilder b =
        new StringBuilder(svgStart()).append(line(px(0), py(0), px(1), py(1), "#bbb"));
    for (CalibrationRow c : rows) {
      b.append(
          String.format(
              Locale.ROOT,
              "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#9467bd\"><title>decile %d: predicted %.3f, observed %.3f</title></circle>",
              px(c.predictedBadRate() / max),
              py(c.observedBadRate() / max),
              c.decile(),
              c.predictedBadRate(),
              c.observedBadRate()));
    }
    return b.append(text(W - 45, H - PAD + 12, String.format(Locale.ROOT, "%.2f", max)))
        .append(text(PAD - 30, 18, String.format(Locale.ROOT, "%.2f", max)))
        .append(text(W / 2.0 - 40, H - 8, "predicted bad rate"))
        .append("</svg>")
        .toString();
  }

  static String bandPlot(List<BandRow> bands) {
    int max = 1;
    for (BandRow b : bands) {
      max = Math.max(max, Math.max(b.trainRows(), b.testRows()));
    }
    StringBuilder s = new StringBuilder(svgStart());
    double slot = (W - 10 - PAD) / (double) Math.max(bands.size(), 1);
    for (int i = 0; i < bands.size(); i++) {
      BandRow b = bands.get(i);
      double x = PAD + i * slot;
      double trH = (H - PAD - 10) * b.trainRows() / (double) max;
      double teH = (H - PAD - 10) * b.testRows() / (double) max;
      s.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#1f77b4\"/>",
              x + 4,
              H - PAD - trH,
              slot / 2 - 6,
              trH));
      s.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#ff7f0e\"/>",
              x + slot / 2,
              H - PAD - teH,
              slot / 2 - 6,
              teH));
      s.append(text(x + 2, H - PAD + 12, b.band()));
    }
    return s.append(text(PAD + 4, 20, "rows per band: train (blue), test (orange)"))
        .append("</svg>")
        .toString();
  }

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}

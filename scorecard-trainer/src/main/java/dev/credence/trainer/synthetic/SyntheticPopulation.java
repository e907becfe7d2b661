package dev.credence.trainer.synthetic;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * A documented synthetic population of credit files with the scoring-service feature names, and a
 * known ground-truth default process. Everything is drawn from one seeded {@link Random}, so the
 * same seed and parameters give the same file byte for byte.
 *
 * <p>Each person has a latent financial stress {@code z ~ N(stressShift, 1)} that makes the bureau
 * features move together, as they do in real files:
 *
 * <ul>
 *   <li>{@code revolving_utilisation}: with probability 0.85 the person has an open revolving
 *       account; then {@code 100 × U^(1.6 − 0.35·clamp(z,−1.5,1.5))}, times 1.25 with probability
 *       0.04 (over the limit), one decimal; otherwise missing (no revolving account).
 *   <li>{@code worst_delinquency_24m}: missing with probability 0.03 (no payment history in the
 *       window); otherwise delinquent with probability {@code σ(−2.0 + 1.1·z)}, and then 30 days,
 *       each further 30 days with probability 0.45, up to 180; else 0.
 *   <li>{@code months_since_oldest_account}: missing with probability 0.02 (no opening date);
 *       otherwise {@code round(exp(N(4.3 − 0.15·z, 0.75)))}, capped at 600.
 *   <li>{@code open_accounts}: Poisson(3.0) plus 1 when there is a revolving account, capped at 25.
 *   <li>{@code hard_inquiries_12m}: Poisson({@code 0.8·exp(0.45·z)}), capped at 20.
 *   <li>{@code derogatory_accounts}: Poisson({@code 0.08·exp(0.9·z)}), capped at 10.
 * </ul>
 *
 * <p>Ground truth: {@code default_12m} is 1 (bad) with probability {@code σ(η)} where
 *
 * <pre>
 * η = −3.3 + 1.8·(util/100)            [util missing: +0.35]
 *          + 0.012·delinquency days     [missing: +0.25]
 *          − 0.005·min(months, 240)     [missing: +0.6]
 *          + 0.28·inquiries + 0.75·derogatory − 0.12·min(open accounts, 10)
 * </pre>
 *
 * The default depends on the features only (not on {@code z} directly), so a scorecard can in
 * principle recover it; the bin structure it must discover is smooth, not the trainer's own.
 */
public final class SyntheticPopulation {
  public static final String TARGET = "default_12m";
  public static final String[] COLUMNS = {
    "revolving_utilisation",
    "worst_delinquency_24m",
    "months_since_oldest_account",
    "open_accounts",
    "hard_inquiries_12m",
    "derogatory_accounts",
    TARGET
  };

  /** The true coefficients, as documented above. */
  public static final double INTERCEPT = -3.3;

  public static final double B_UTIL = 1.8;
  public static final double B_UTIL_MISSING = 0.35;
  public static final double B_DELQ = 0.012;
  public static final double B_DELQ_MISSING = 0.25;
  public static final double B_AGE = -0.005;
  public static final double B_AGE_MISSING = 0.6;
  public static final double B_INQ = 0.28;
  public static final double B_DEROG = 0.75;
  public static final double B_OPEN = -0.12;

  private SyntheticPopulation() {}

  /** One generated person: features ({@code null} = missing) and the outcome. */
  public record Person(
      Double utilisation,
      Integer delinquency,
      Integer months,
      int openAccounts,
      int inquiries,
      int derogatory,
      double trueBadProbability,
      boolean bad) {}

  public static Person draw(Random r, double stressShift) {
    double z = stressShift + r.nextGaussian();
    double zc = Math.max(-1.5, Math.min(1.5, z));
    boolean revolving = r.nextDouble() < 0.85;
    Double util = null;
    if (revolving) {
      double u = 100 * Math.pow(r.nextDouble(), 1.6 - 0.35 * zc);
      if (r.nextDouble() < 0.04) {
        u *= 1.25;
      }
      util = Math.round(u * 10) / 10.0;
    }
    Integer delq = null;
    if (r.nextDouble() >= 0.03) {
      delq = 0;
      if (r.nextDouble() < sigmoid(-2.0 + 1.1 * z)) {
        delq = 30;
        while (delq < 180 && r.nextDouble() < 0.45) {
          delq += 30;
        }
      }
    }
    Integer months = null;
    if (r.nextDouble() >= 0.02) {
      months = (int) Math.min(600, Math.round(Math.exp(4.3 - 0.15 * z + 0.75 * r.nextGaussian())));
    }
    int open = Math.min(25, poisson(r, 3.0) + (revolving ? 1 : 0));
    int inq = Math.min(20, poisson(r, 0.8 * Math.exp(0.45 * z)));
    int derog = Math.min(10, poisson(r, 0.08 * Math.exp(0.9 * z)));
    double eta =
        INTERCEPT
            + (util == null ? B_UTIL_MISSING : B_UTIL * util / 100)
            + (delq == null ? B_DELQ_MISSING : B_DELQ * delq)
            + (months == null ? B_AGE_MISSING : B_AGE * Math.min(months, 240))
            + B_INQ * inq
            + B_DEROG * derog
            + B_OPEN * Math.min(open, 10);
    double p = sigmoid(eta);
    boolean bad = r.nextDouble() < p;
    return new Person(util, delq, months, open, inq, derog, p, bad);
  }

  /** Writes {@code rows} people drawn with {@code seed} as CSV (missing = empty cell). */
  public static void write(Path file, long seed, int rows, double stressShift) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      write(w, seed, rows, stressShift);
    }
  }

  public static void write(Writer w, long seed, int rows, double stressShift) throws IOException {
    Random r = new Random(seed);
    w.write(String.join(",", COLUMNS));
    w.write("\n");
    for (int i = 0; i < rows; i++) {
      Person p = draw(r, stressShift);
      w.write(
          String.format(
              Locale.ROOT,
              "%s,%s,%s,%d,%d,%d,%d%n",
              p.utilisation() == null ? "" : p.utilisation().toString(),
              p.delinquency() == null ? "" : p.delinquency().toString(),
              p.months() == null ? "" : p.months().toString(),
              p.openAccounts(),
              p.inquiries(),
              p.derogatory(),
              p.bad() ? 1 : 0));
    }
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  /** Knuth's Poisson sampler (fine for the small means used here). */
  private static int poisson(Random r, double lambda) {
    double l = Math.exp(-lambda);
    int k = 0;
    double p = 1;
    do {
      k++;
      p *= r.nextDouble();
    } while (p > l);
    return k - 1;
  }
}

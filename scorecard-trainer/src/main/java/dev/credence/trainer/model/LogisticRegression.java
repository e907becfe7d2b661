package dev.credence.trainer.model;

import dev.credence.trainer.TrainingException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * Logistic regression with an L2 penalty on the slopes (not the intercept), fitted by Newton's
 * method / iteratively reweighted least squares. Deterministic: no random start, no sampling; the
 * same data give the same coefficients bit for bit.
 *
 * <p>Models {@code ln(P(y)/(1−P(y))) = α + Σ βⱼ·xⱼ} by minimising {@code −loglik + λ/2·Σβⱼ²}.
 */
public final class LogisticRegression {
  private static final int MAX_ITERATIONS = 100;
  private static final double TOLERANCE = 1e-10;

  public record Fit(double intercept, double[] coefficients, int iterations) {
    public double linear(double[] x) {
      double z = intercept;
      for (int j = 0; j < x.length; j++) {
        z += coefficients[j] * x[j];
      }
      return z;
    }
  }

  private LogisticRegression() {}

  /** {@code x[i]} is row i's features, {@code y[i]} its outcome (the modelled event is true). */
  public static Fit fit(double[][] x, boolean[] y, double lambda) {
    int n = x.length;
    int p = n == 0 ? 0 : x[0].length;
    double[] beta = new double[p + 1];
    for (int iter = 1; iter <= MAX_ITERATIONS; iter++) {
      double[][] h = new double[p + 1][p + 1];
      double[] g = new double[p + 1];
      for (int i = 0; i < n; i++) {
        double z = beta[0];
        for (int j = 0; j < p; j++) {
          z += beta[j + 1] * x[i][j];
        }
        double mu = 1 / (1 + Math.exp(-z));
        double w = Math.max(mu * (1 - mu), 1e-12);
        double r = (y[i] ? 1 : 0) - mu;
        for (int a = 0; a <= p; a++) {
          double xa = a == 0 ? 1 : x[i][a - 1];
          g[a] += xa * r;
          for (int b = a; b <= p; b++) {
            double xb = b == 0 ? 1 : x[i][b - 1];
            h[a][b] += w * xa * xb;
          }
        }
      }
      for (int a = 0; a <= p; a++) {
        for (int b = 0; b < a; b++) {
          h[a][b] = h[b][a];
        }
        if (a > 0) {
          h[a][a] += lambda;
          g[a] -= lambda * beta[a];
        }
      }
      RealMatrix hessian = new Array2DRowRealMatrix(h, false);
      RealVector step;
      try {
        step = new CholeskyDecomposition(hessian).getSolver().solve(new ArrayRealVector(g, false));
      } catch (RuntimeException e) {
        throw new TrainingException(
            "logistic regression: the information matrix is singular (perfectly collinear"
                + " features?); raise regression.l2",
            e);
      }
      double max = 0;
      for (int a = 0; a <= p; a++) {
        beta[a] += step.getEntry(a);
        max = Math.max(max, Math.abs(step.getEntry(a)));
      }
      if (max < TOLERANCE) {
        return new Fit(beta[0], java.util.Arrays.copyOfRange(beta, 1, p + 1), iter);
      }
    }
    throw new TrainingException(
        "logistic regression did not converge in " + MAX_ITERATIONS + " Newton steps");
  }
}

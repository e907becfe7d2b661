package dev.credence.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LogisticRegressionTest {

  private static Object[] simulate(long seed, int n) {
    Random r = new Random(seed);
    double[][] x = new double[n][2];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      x[i][0] = r.nextGaussian();
      x[i][1] = r.nextGaussian();
      double z = -1.0 + 1.5 * x[i][0] - 0.7 * x[i][1];
      y[i] = r.nextDouble() < 1 / (1 + Math.exp(-z));
    }
    return new Object[] {x, y};
  }

  @Test
  void recoversKnownCoefficients() {
    Object[] d = simulate(5, 20000);
    LogisticRegression.Fit fit = LogisticRegression.fit((double[][]) d[0], (boolean[]) d[1], 0.0);
    assertEquals(-1.0, fit.intercept(), 0.06);
    assertEquals(1.5, fit.coefficients()[0], 0.06);
    assertEquals(-0.7, fit.coefficients()[1], 0.06);
  }

  @Test
  void theL2PenaltyShrinksTheSlopesButNotTheIntercept() {
    Object[] d = simulate(6, 2000);
    var free = LogisticRegression.fit((double[][]) d[0], (boolean[]) d[1], 0.0);
    var shrunk = LogisticRegression.fit((double[][]) d[0], (boolean[]) d[1], 500.0);
    assertTrue(Math.abs(shrunk.coefficients()[0]) < Math.abs(free.coefficients()[0]));
    assertTrue(Math.abs(shrunk.coefficients()[1]) < Math.abs(free.coefficients()[1]));
  }

  @Test
  void theFitIsDeterministic() {
    Object[] d = simulate(7, 3000);
    var a = LogisticRegression.fit((double[][]) d[0], (boolean[]) d[1], 1.0);
    var b = LogisticRegression.fit((double[][]) d[0], (boolean[]) d[1], 1.0);
    assertEquals(a.intercept(), b.intercept());
    assertArrayEquals(a.coefficients(), b.coefficients());
  }
}

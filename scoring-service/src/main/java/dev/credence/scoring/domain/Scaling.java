package dev.credence.scoring.domain;

/**
 * Points-to-double-odds scaling: {@code score = offset + factor × ln(odds)} with {@code factor =
 * pdo / ln 2} and {@code offset = baseScore − factor × ln(baseOdds)}; {@code min}/{@code max} bound
 * the published scale.
 */
public record Scaling(Double baseScore, Double baseOdds, Double pdo, Integer min, Integer max) {

  public double factor() {
    return pdo / Math.log(2);
  }

  public double offset() {
    return baseScore - factor() * Math.log(baseOdds);
  }
}

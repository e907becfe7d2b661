package dev.credence.scoring.domain;

/**
 * A key factor: the feature's reason code and text, and the points it cost against its best bin.
 */
public record ReasonCode(String code, String text, int pointsLost, String feature) {}

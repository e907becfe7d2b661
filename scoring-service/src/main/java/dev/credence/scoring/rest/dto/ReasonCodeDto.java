package dev.credence.scoring.rest.dto;

/** A key factor: stable code, plain-language text, points lost against the best attainable bin. */
public record ReasonCodeDto(String code, String text, int pointsLost) {}

package dev.credence.scoring.rest.dto;

/** Why the file did not meet the minimum scoring criteria. */
public record NoScoreReasonDto(String code, String text) {}

package dev.credence.scoring.domain;

/** A named score range, both ends inclusive. */
public record Band(String name, Integer min, Integer max) {}

package dev.credence.scoring.rest.dto;

public record ModelRef(String id, String version) {}

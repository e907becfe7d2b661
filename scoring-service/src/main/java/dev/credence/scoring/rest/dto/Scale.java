package dev.credence.scoring.rest.dto;

public record Scale(int min, int max) {}

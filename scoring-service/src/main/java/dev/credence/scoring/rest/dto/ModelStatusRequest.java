package dev.credence.scoring.rest.dto;

import dev.credence.scoring.domain.ModelStatus;

/** The status a model moves to, and why (kept in its history). */
public record ModelStatusRequest(ModelStatus status, String reason) {}

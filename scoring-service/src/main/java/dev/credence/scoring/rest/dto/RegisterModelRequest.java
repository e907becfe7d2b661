package dev.credence.scoring.rest.dto;

import com.fasterxml.jackson.databind.JsonNode;

/** A model file to register as DRAFT, with the trainer's report.json (needed to validate it). */
public record RegisterModelRequest(JsonNode definition, JsonNode validationReport) {}

package dev.credence.ingestion.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Why a record was rejected: a stable code and a message; for schema violations also the failing
 * JSON pointers into {@code data} (never the values).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Reason(String code, String message, List<String> fields) {}

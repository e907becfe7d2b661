package dev.credence.ingestion.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.credence.ingestion.domain.ReasonCode;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Why a record was rejected: a stable code and a message; for schema violations and future dates
 * also the failing JSON pointers into {@code data} (never the values).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Reason(
    @Schema(
            description = "Machine-readable reason code (see docs/ingestion.md)",
            implementation = ReasonCode.class)
        String code,
    String message,
    List<String> fields) {}

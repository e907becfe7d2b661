package dev.credence.ingestion.rest.dto;

import java.util.List;
import java.util.UUID;

/** Per-record outcomes of a batch (the ingestion report of this request). */
public record BatchResponse(UUID batchId, List<RecordResult> results, Summary summary) {
  public record Summary(int accepted, int superseded, int duplicate, int deleted, int rejected) {}
}

package dev.credence.scoring.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.credence.scoring.domain.OrganisationFile;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Reads the organisation categories' data (ingestion's schemas) into the domain; a field that
 * cannot be read counts as absent.
 */
final class OrganisationRecordMapper {
  private OrganisationRecordMapper() {}

  static OrganisationFile.TaxCompliance tax(UUID id, String json, LocalDate reportedOn) {
    JsonNode d = TradelineMapper.tree(json);
    return new OrganisationFile.TaxCompliance(
        id,
        TradelineMapper.text(d, "status"),
        TradelineMapper.date(d, "periodEnd"),
        TradelineMapper.number(d, "arrearsAmount"),
        reportedOn);
  }

  static OrganisationFile.Penalty penalty(UUID id, String json, LocalDate reportedOn) {
    JsonNode d = TradelineMapper.tree(json);
    return new OrganisationFile.Penalty(
        id,
        TradelineMapper.text(d, "domain"),
        TradelineMapper.text(d, "severity"),
        TradelineMapper.number(d, "amount"),
        TradelineMapper.date(d, "imposedOn"),
        TradelineMapper.bool(d, "resolved"),
        TradelineMapper.date(d, "resolvedOn"),
        reportedOn);
  }

  static OrganisationFile.Judgment judgment(UUID id, String json, LocalDate reportedOn) {
    JsonNode d = TradelineMapper.tree(json);
    return new OrganisationFile.Judgment(
        id,
        TradelineMapper.number(d, "amount"),
        TradelineMapper.date(d, "judgmentOn"),
        TradelineMapper.bool(d, "satisfied"),
        TradelineMapper.date(d, "satisfiedOn"),
        reportedOn);
  }

  static OrganisationFile.TradePayment tradePayment(UUID id, String json, LocalDate reportedOn) {
    JsonNode d = TradelineMapper.tree(json);
    Double terms = TradelineMapper.number(d, "termsDays");
    Double dbt = TradelineMapper.number(d, "daysBeyondTerms");
    return new OrganisationFile.TradePayment(
        id,
        TradelineMapper.number(d, "invoiceAmount"),
        TradelineMapper.date(d, "invoiceDate"),
        terms == null ? null : terms.intValue(),
        dbt == null ? null : dbt.intValue(),
        TradelineMapper.date(d, "paidOn"),
        reportedOn);
  }
}

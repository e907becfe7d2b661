package dev.credence.ingestion.domain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.common.events.DataCategory;
import dev.credence.ingestion.domain.CategorySchemas.SchemaViolation;
import dev.credence.ingestion.support.Samples;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class CategorySchemasAllCategoriesTest {
  private static final CategorySchemas SCHEMAS = CategorySchemas.load();

  private static List<String> pointers(DataCategory category, ObjectNode data) {
    return SCHEMAS.validate(category, data.toString()).stream()
        .map(SchemaViolation::pointer)
        .toList();
  }

  @ParameterizedTest
  @EnumSource(value = DataCategory.class, names = "INQUIRY", mode = EnumSource.Mode.EXCLUDE)
  void publishesAClosedVersionedSchemaForEveryFurnishedCategory(DataCategory category) {
    assertTrue(SCHEMAS.current(category).isPresent(), category + " has a schema");
    assertEquals(1, SCHEMAS.current(category).get().version());
    assertThat(pointers(category, Samples.data(category)), is(empty()));
    ObjectNode extra = Samples.data(category);
    extra.put("branchCode", "x");
    assertThat(pointers(category, extra), contains("/branchCode"));
  }

  @Test
  void publishesNothingForInquiriesWhichThePlatformCreates() {
    assertTrue(SCHEMAS.current(DataCategory.INQUIRY).isEmpty());
  }

  @Test
  void refusesAPublicRecordOfAnUnknownTypeOrWithoutAFilingDate() {
    ObjectNode d = Samples.data(DataCategory.PUBLIC_RECORD);
    d.put("recordType", "PARKING_FINE");
    d.remove("filedOn");
    assertThat(pointers(DataCategory.PUBLIC_RECORD, d), contains("/filedOn", "/recordType"));
  }

  @Test
  void refusesAnAltPaymentProfileOfTheWrongLengthOrAlphabet() {
    ObjectNode d = Samples.data(DataCategory.ALT_PAYMENT);
    d.put("paymentHistoryProfile", "00000000000000000000000X");
    assertThat(pointers(DataCategory.ALT_PAYMENT, d), contains("/paymentHistoryProfile"));
    d.put("paymentHistoryProfile", "0000");
    assertThat(pointers(DataCategory.ALT_PAYMENT, d), contains("/paymentHistoryProfile"));
  }

  @Test
  void refusesANegativeIncomeAndAnUnknownPeriod() {
    ObjectNode d = Samples.data(DataCategory.INCOME);
    d.put("amount", -1);
    d.put("period", "WEEKLY");
    assertThat(pointers(DataCategory.INCOME, d), contains("/amount", "/period"));
  }

  @ParameterizedTest
  @EnumSource(
      value = DataCategory.class,
      names = {"TAX_COMPLIANCE", "REGULATORY_PENALTY", "COURT_JUDGMENT"})
  void requiresEveryOrganisationPublicRecordToNameItsLegalBasis(DataCategory category) {
    ObjectNode d = Samples.data(category);
    d.remove("legalBasis");
    assertThat(pointers(category, d), contains("/legalBasis"));
    assertTrue(ConsentGate.isPublicRecord(category));
    assertTrue(!ConsentGate.requiresConsent(category));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "PUBLIC_REGISTER",
        "COURT_RECORD",
        "TAX_AUTHORITY_PUBLICATION",
        "REGULATOR_PUBLICATION",
        "STATUTORY_DUTY_TO_REPORT",
        "LAW:Companies Act 2006 s.1085",
        "LAW:Loi n° 2016-1691 art. 131"
      })
  void acceptsACatalogueLegalBasisOrACitedProvision(String basis) {
    ObjectNode d = Samples.data(DataCategory.COURT_JUDGMENT);
    d.put("legalBasis", basis);
    assertThat(pointers(DataCategory.COURT_JUDGMENT, d), is(empty()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "because", "PUBLIC", "LAW:", "LAW: x", "public_register"})
  void refusesALegalBasisThatIsNeitherACodeNorACitation(String basis) {
    ObjectNode d = Samples.data(DataCategory.TAX_COMPLIANCE);
    d.put("legalBasis", basis);
    assertThat(pointers(DataCategory.TAX_COMPLIANCE, d), hasItem("/legalBasis"));
  }

  @Test
  void refusesAPenaltyOutsideTheDomainAndSeverityCatalogues() {
    ObjectNode d = Samples.data(DataCategory.REGULATORY_PENALTY);
    d.put("domain", "PARKING");
    d.put("severity", "CATASTROPHIC");
    d.put("resolved", "no");
    assertThat(
        pointers(DataCategory.REGULATORY_PENALTY, d),
        contains("/domain", "/resolved", "/severity"));
  }

  @Test
  void treatsTradePaymentsAsConsentBoundAndNegativeTermsAsInvalid() {
    assertTrue(ConsentGate.requiresConsent(DataCategory.TRADE_PAYMENT));
    ObjectNode d = Samples.data(DataCategory.TRADE_PAYMENT);
    d.put("termsDays", -1);
    d.put("daysBeyondTerms", 1.5);
    assertThat(pointers(DataCategory.TRADE_PAYMENT, d), contains("/daysBeyondTerms", "/termsDays"));
    assertThat(
        pointers(DataCategory.TRADE_PAYMENT, Samples.data(DataCategory.TRADE_PAYMENT)),
        not(hasItem("/paidOn")));
  }
}

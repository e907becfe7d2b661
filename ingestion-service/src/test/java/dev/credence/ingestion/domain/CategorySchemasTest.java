package dev.credence.ingestion.domain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.common.events.DataCategory;
import dev.credence.ingestion.domain.CategorySchemas.SchemaViolation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CategorySchemasTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final CategorySchemas SCHEMAS = CategorySchemas.load();

  static ObjectNode tradeline() {
    ObjectNode t = JSON.createObjectNode();
    t.put("accountType", "REVOLVING");
    t.put("openedOn", "2019-04-01");
    t.put("creditLimit", 5000);
    t.put("currentBalance", 1250.75);
    t.put("currency", "EUR");
    t.put("accountStatus", "11");
    t.put("paymentRating", "0");
    t.put("paymentHistoryProfile", "000000000000000000000000");
    t.put("reportedOn", "2026-11-01");
    return t;
  }

  private static List<SchemaViolation> validate(ObjectNode data) {
    return SCHEMAS.validate(DataCategory.TRADELINE, data.toString());
  }

  private static List<String> pointers(List<SchemaViolation> violations) {
    return violations.stream().map(SchemaViolation::pointer).toList();
  }

  @Test
  void acceptsAValidTradeline() {
    assertThat(validate(tradeline()), is(empty()));
  }

  @Test
  void acceptsADelinquentTradelineWithAMixedHistory() {
    ObjectNode t = tradeline();
    t.put("accountStatus", "84");
    t.put("paymentRating", "6");
    t.put("paymentHistoryProfile", "654321000000BDEGHJKL-C00");
    t.put("dateOfFirstDelinquency", "2025-05-01");
    assertThat(validate(t), is(empty()));
  }

  @Test
  void refusesAnUnknownFieldBecauseTheSchemaIsClosed() {
    ObjectNode t = tradeline();
    t.put("nickname", "x");
    List<SchemaViolation> violations = validate(t);
    assertThat(pointers(violations), contains("/nickname"));
    assertThat(violations.get(0).keyword(), is("additionalProperties"));
  }

  @ParameterizedTest(name = "status {0} is refused")
  @ValueSource(strings = {"05", "12", "99", "da", "", "11 "})
  void refusesAnAccountStatusThatIsNotAMetro2Code(String status) {
    ObjectNode t = tradeline();
    t.put("accountStatus", status);
    assertThat(pointers(validate(t)), contains("/accountStatus"));
  }

  @ParameterizedTest(name = "history \"{0}\" is refused")
  @ValueSource(
      strings = {
        "00000000000000000000000",
        "0000000000000000000000000",
        "00000000000000000000000X",
        "7000000000000000000000000",
        "00000000000000000000000a"
      })
  void refusesAPaymentHistoryProfileThatIsNot24Metro2Symbols(String history) {
    ObjectNode t = tradeline();
    t.put("paymentHistoryProfile", history);
    assertThat(pointers(validate(t)), contains("/paymentHistoryProfile"));
  }

  @Test
  void refusesMissingRequiredFieldsNamingEach() {
    ObjectNode t = tradeline();
    t.remove("accountStatus");
    t.remove("reportedOn");
    assertThat(pointers(validate(t)), contains("/accountStatus", "/reportedOn"));
  }

  @Test
  void refusesAnImpossibleDateAndANegativeBalance() {
    ObjectNode t = tradeline();
    t.put("openedOn", "2024-02-30");
    t.put("currentBalance", -1);
    assertThat(pointers(validate(t)), contains("/currentBalance", "/openedOn"));
  }

  @Test
  void neverEchoesTheOffendingValueInTheMessage() {
    ObjectNode t = tradeline();
    t.put("accountStatus", "SECRET-VALUE-42");
    t.put("openedOn", "SECRET-DATE");
    String described = validate(t).toString();
    assertThat(described, not(containsString("SECRET")));
  }

  @Test
  void validatesAPayment() {
    ObjectNode p = JSON.createObjectNode();
    p.put("accountReference", "acct-1");
    p.put("dueOn", "2026-10-01");
    p.put("amountDue", 120);
    p.put("paidOn", "2026-10-03");
    p.put("amountPaid", 120);
    p.put("daysPastDue", 2);
    p.put("reportedOn", "2026-11-01");
    assertThat(SCHEMAS.validate(DataCategory.PAYMENT, p.toString()), is(empty()));

    p.put("daysPastDue", -1);
    assertThat(
        pointers(SCHEMAS.validate(DataCategory.PAYMENT, p.toString())), contains("/daysPastDue"));
  }

  @Test
  void publishesEveryFurnishedCategoryButNotInquiries() {
    assertThat(
        SCHEMAS.all().stream().map(CategorySchemas.CategorySchema::category).toList(),
        contains(
            DataCategory.TRADELINE,
            DataCategory.PAYMENT,
            DataCategory.PUBLIC_RECORD,
            DataCategory.ALT_PAYMENT,
            DataCategory.INCOME,
            DataCategory.TAX_COMPLIANCE,
            DataCategory.REGULATORY_PENALTY,
            DataCategory.COURT_JUDGMENT,
            DataCategory.TRADE_PAYMENT));
    assertThat(SCHEMAS.current(DataCategory.INQUIRY).isPresent(), is(false));
  }
}

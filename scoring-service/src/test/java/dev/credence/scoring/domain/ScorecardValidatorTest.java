package dev.credence.scoring.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class ScorecardValidatorTest {

  static String refusal(ObjectNode model) {
    InvalidScorecardException e =
        assertThrows(InvalidScorecardException.class, () -> TestModels.read(model));
    return e.getMessage();
  }

  static ArrayNode bins(ObjectNode model, String feature) {
    return TestModels.feature(model, feature).withArray("bins");
  }

  @Test
  void acceptsTheStarterModel() {
    Scorecard card = TestModels.starter();

    assertEquals("person-starter-v1", card.key());
    assertEquals(6, card.features().size());
  }

  @Test
  void refusesAnIdOrVersionThatCannotNameTheModelInAUrl() {
    ObjectNode model = TestModels.starterJson();
    model.put("id", "my model/a");
    model.put("version", "1?x");

    String message = refusal(model);

    assertTrue(message.contains("id must be 1 to 64 letters, digits"), message);
    assertTrue(message.contains("version must be 1 to 64 letters, digits"), message);
  }

  @Test
  void refusesACatalogueFeatureDeclaredCategorical() {
    // every person would fall in the missing bin and be told NO_REVOLVING_ACCOUNTS
    ObjectNode model = TestModels.starterJson();
    ObjectNode feature = TestModels.feature(model, FeatureCatalog.REVOLVING_UTILISATION);
    feature.put("type", "categorical").put("monotonic", "none");
    ArrayNode bins = feature.putArray("bins");
    bins.addObject().put("points", 152).putArray("categories").add("LOW");

    String message = refusal(model);

    assertTrue(
        message.contains("the extractor computes it as a number; declare it numeric"), message);
  }

  @Test
  void refusesAReasonCodeThatNamesTwoFeatures() {
    // a person told HARD_INQUIRIES twice, or unable to tell which input it means
    ObjectNode model = TestModels.starterJson();
    TestModels.feature(model, FeatureCatalog.OPEN_ACCOUNTS).put("reasonCode", "HARD_INQUIRIES");

    String message = refusal(model);

    assertTrue(
        message.contains(
                "reason code HARD_INQUIRIES is used by features 'open_accounts' and"
                    + " 'hard_inquiries_12m'")
            || message.contains(
                "reason code HARD_INQUIRIES is used by features 'hard_inquiries_12m' and"
                    + " 'open_accounts'"),
        message);

    // a feature may give its missing value a reason of its own, but not another feature's
    ObjectNode missing = TestModels.starterJson();
    TestModels.feature(missing, FeatureCatalog.OPEN_ACCOUNTS)
        .put("missingReasonCode", "HARD_INQUIRIES")
        .put("missingReasonText", "No accounts");
    assertTrue(refusal(missing).contains("reason code HARD_INQUIRIES is used by"));
  }

  @Test
  void acceptsDotsDashesAndUnderscoresInNames() {
    ObjectNode model = TestModels.starterJson();
    model.put("id", "person_starter.fitted-2026");
    model.put("version", "2.1");

    assertEquals("person_starter.fitted-2026-v2.1", TestModels.read(model).key());
  }

  @Test
  void refusesAGapBetweenBins() {
    ObjectNode model = TestModels.starterJson();
    ((ObjectNode) bins(model, FeatureCatalog.REVOLVING_UTILISATION).get(1)).put("lower", 12);

    String message = refusal(model);

    assertTrue(
        message.contains(
            "feature 'revolving_utilisation': gap between bin 1 [-inf, 10) and bin 2 [12, 30)"),
        message);
  }

  @Test
  void refusesOverlappingBins() {
    ObjectNode model = TestModels.starterJson();
    ((ObjectNode) bins(model, FeatureCatalog.REVOLVING_UTILISATION).get(1)).put("lower", 8);

    String message = refusal(model);

    assertTrue(message.contains("bins 1 [-inf, 10) and 2 [8, 30) overlap on [8.0, 10.0)"), message);
  }

  @Test
  void refusesBinsThatDoNotCoverTheWholeLine() {
    ObjectNode model = TestModels.starterJson();
    ArrayNode bins = bins(model, FeatureCatalog.OPEN_ACCOUNTS);
    ((ObjectNode) bins.get(bins.size() - 1)).put("upper", 50);

    String message = refusal(model);

    assertTrue(message.contains("the last bin must end unbounded"), message);
  }

  @Test
  void refusesAProtectedAttributeAsAFeature() {
    ObjectNode model = TestModels.starterJson();
    TestModels.feature(model, FeatureCatalog.OPEN_ACCOUNTS).put("name", "age");

    String message = refusal(model);

    assertTrue(
        message.contains(
            "feature 'age': 'age' is a protected attribute and may never be a feature"),
        message);
  }

  @Test
  void refusesProtectedAttributesHiddenInLongerNames() {
    assertEquals("gender", ScorecardValidator.protectedWord("applicant_gender_code"));
    assertEquals("marital", ScorecardValidator.protectedWord("maritalStatus"));
    assertEquals("age", ScorecardValidator.protectedWord("age_in_years"));
    assertEquals("nationalorigin", ScorecardValidator.protectedWord("nationalorigin"));
    assertEquals(null, ScorecardValidator.protectedWord("months_since_oldest_account"));
  }

  @Test
  void refusesPointsThatBreakTheDeclaredMonotonicity() {
    ObjectNode model = TestModels.starterJson();
    // utilisation is declared decreasing: 10–30 % must not earn more than 0–10 %
    ((ObjectNode) bins(model, FeatureCatalog.REVOLVING_UTILISATION).get(1)).put("points", 160);

    String message = refusal(model);

    assertTrue(
        message.contains(
            "feature 'revolving_utilisation': declared monotonic decreasing but bin 2 [10, 30) has 160 points after bin 1 [-inf, 10) with 152"),
        message);
  }

  @Test
  void refusesAFeatureWithoutAMissingBin() {
    ObjectNode model = TestModels.starterJson();
    TestModels.feature(model, FeatureCatalog.DEROGATORY_ACCOUNTS).remove("missingPoints");

    String message = refusal(model);

    assertTrue(
        message.contains(
            "feature 'derogatory_accounts': missingPoints is required (the missing bin must be present)"),
        message);
  }

  @Test
  void refusesFractionalPoints() {
    ObjectNode model = TestModels.starterJson();
    ((ObjectNode) bins(model, FeatureCatalog.OPEN_ACCOUNTS).get(0)).put("points", 65.5);

    String message = refusal(model);

    assertTrue(message.contains("features[3].bins[0].points"), message);
  }

  @Test
  void refusesAFeatureTheExtractorDoesNotCompute() {
    ObjectNode model = TestModels.starterJson();
    TestModels.feature(model, FeatureCatalog.OPEN_ACCOUNTS).put("name", "shoe_size");

    String message = refusal(model);

    assertTrue(message.contains("feature 'shoe_size': unknown feature"), message);
  }

  @Test
  void refusesTotalsOutsideTheScale() {
    ObjectNode model = TestModels.starterJson();
    ((ObjectNode) model.get("scaling")).put("max", 800);

    String message = refusal(model);

    assertTrue(
        message.contains("the highest attainable total 831 is above scaling.max 800"), message);
  }

  @Test
  void refusesBandsThatLeaveAHole() {
    ObjectNode model = TestModels.starterJson();
    ((ObjectNode) model.withArray("bands").get(1)).put("min", 590);

    String message = refusal(model);

    assertTrue(message.contains("band 'Fair' starts at 590 but must start at 580"), message);
  }

  @Test
  void refusesUnknownFieldsInTheModelFile() {
    ObjectNode model = TestModels.starterJson();
    model.put("intercept", 12);

    String message = refusal(model);

    assertTrue(message.contains("intercept"), message);
  }

  @Test
  void reportsEveryProblemAtOnce() {
    ObjectNode model = TestModels.starterJson();
    TestModels.feature(model, FeatureCatalog.OPEN_ACCOUNTS).put("name", "sex");
    ((ObjectNode) bins(model, FeatureCatalog.REVOLVING_UTILISATION).get(1)).put("lower", 12);

    InvalidScorecardException e =
        assertThrows(InvalidScorecardException.class, () -> TestModels.read(model));

    assertEquals(2, e.problems().size(), e.getMessage());
  }
}

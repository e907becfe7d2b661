package dev.credence.scoring.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The organisation rating model is refused at load unless it is complete and coherent. */
public class RatingModelValidatorTest {
  static final ObjectMapper JSON = new ObjectMapper();

  /** organisation-rating-v1 as shipped, to break or register in a test. */
  public static ObjectNode shipped() throws Exception {
    try (InputStream in =
        RatingModelValidatorTest.class
            .getClassLoader()
            .getResourceAsStream("models/organisation-rating-v1.json")) {
      return (ObjectNode) JSON.readTree(in);
    }
  }

  static String problemsOf(Consumer<ObjectNode> breakIt) throws Exception {
    ObjectNode model = shipped();
    breakIt.accept(model);
    InvalidScorecardException e =
        assertThrows(
            InvalidScorecardException.class,
            () ->
                new RatingModelReader()
                    .read("test", new ByteArrayInputStream(JSON.writeValueAsBytes(model))));
    return e.getMessage();
  }

  @Test
  void theShippedModelIsValid() throws Exception {
    new RatingModelReader()
        .read(
            "organisation-rating-v1", new ByteArrayInputStream(JSON.writeValueAsBytes(shipped())));
  }

  @Test
  void anOlderRecordMayNotDeductMoreThanARecentOne() throws Exception {
    String p =
        problemsOf(
            m ->
                ((ArrayNode) m.withObject("/taxCompliance").withObject("ARREARS").get("points"))
                    .set(2, JSON.getNodeFactory().numberNode(40)));
    assertTrue(p.contains("recency decay"), p);
  }

  @Test
  void aResolvedPenaltyMayNotDeductMoreThanAnUnresolvedOne() throws Exception {
    String p =
        problemsOf(
            m ->
                ((ArrayNode)
                        m.withObject("regulatoryPenalty").withObject("MINOR").get("resolvedPoints"))
                    .set(0, JSON.getNodeFactory().numberNode(9)));
    assertTrue(p.contains("unresolved counterpart"), p);
  }

  @Test
  void aMoreSeverePenaltyMayNotDeductLessThanAMilderOne() throws Exception {
    String p =
        problemsOf(
            m ->
                ((ArrayNode) m.withObject("regulatoryPenalty").withObject("SEVERE").get("points"))
                    .set(3, JSON.getNodeFactory().numberNode(0)));
    assertTrue(p.contains("SEVERE deducts less than MAJOR"), p);
  }

  @Test
  void everySeverityNeedsARule() throws Exception {
    String p = problemsOf(m -> m.withObject("regulatoryPenalty").remove("MAJOR"));
    assertTrue(p.contains("regulatoryPenalty.MAJOR is required"), p);
  }

  @Test
  void gradesMustReachDownToTheFloor() throws Exception {
    String p = problemsOf(m -> ((ObjectNode) m.withArray("grades").get(3)).put("min", 10));
    assertTrue(p.contains("no gap below it"), p);
  }

  @Test
  void thePaymentIndexMustMapOnTimeToEightyAndNeverRiseWithLateness() throws Exception {
    String p =
        problemsOf(
            m -> {
              ArrayNode curve = m.withObject("paymentIndex").withArray("curve");
              ((ObjectNode) curve.get(1)).put("index", 75);
              ((ObjectNode) curve.get(3)).put("index", 60);
            });
    assertTrue(p.contains("to 80"), p);
    assertTrue(p.contains("may not rise"), p);
  }

  @Test
  void theAgeBandsMustEndUnbounded() throws Exception {
    String p = problemsOf(m -> ((ObjectNode) m.withArray("ageBands").get(3)).put("maxMonths", 120));
    assertTrue(p.contains("unbounded"), p);
  }

  @Test
  void unknownFieldsAndFractionalPointsAreRefused() throws Exception {
    assertTrue(problemsOf(m -> m.put("bonus", 5)).contains("bonus"));
    String p =
        problemsOf(
            m ->
                ((ArrayNode) m.withObject("/taxCompliance").withObject("ARREARS").get("points"))
                    .set(0, JSON.getNodeFactory().numberNode(1.5)));
    assertTrue(p.length() > 0, p);
  }

  @Test
  void aMissingOrNullNumberIsNamedByItsPathNotByTheParser() throws Exception {
    String missing = problemsOf(m -> m.remove("start"));
    assertTrue(missing.contains("start is required (a number)"), missing);
    assertFalse(missing.contains("DeserializationFeature"), missing);
    String nested = problemsOf(m -> ((ObjectNode) m.withArray("grades").get(1)).putNull("min"));
    assertTrue(nested.contains("grades[1].min is required (a number)"), nested);
  }
}

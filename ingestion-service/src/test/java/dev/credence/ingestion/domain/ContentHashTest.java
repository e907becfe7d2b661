package dev.credence.ingestion.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ContentHashTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void ignoresKeyOrderAndTrailingZeros() throws Exception {
    String a =
        ContentHash.of("TRADELINE", "s1", JSON.readTree("{\"a\":100,\"b\":{\"y\":1,\"x\":2}}"));
    String b =
        ContentHash.of("TRADELINE", "s1", JSON.readTree("{\"b\":{\"x\":2,\"y\":1},\"a\":100.00}"));
    assertEquals(a, b);
  }

  @Test
  void changesWhenAValueSubjectOrCategoryChanges() throws Exception {
    String base = ContentHash.of("TRADELINE", "s1", JSON.readTree("{\"a\":1}"));
    assertNotEquals(base, ContentHash.of("TRADELINE", "s1", JSON.readTree("{\"a\":2}")));
    assertNotEquals(base, ContentHash.of("TRADELINE", "s2", JSON.readTree("{\"a\":1}")));
    assertNotEquals(base, ContentHash.of("PAYMENT", "s1", JSON.readTree("{\"a\":1}")));
  }
}

package dev.credence.scoring.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** How Metro 2 account statuses and payment history characters are read (docs/scoring.md). */
class AccountStatusTest {
  /** ingestion-service's TRADELINE schema: the values a stored tradeline can carry. */
  static final Path TRADELINE_SCHEMA =
      Path.of("../ingestion-service/src/main/resources/schemas/tradeline.v1.schema.json");

  /** Metro 2 deletions: ingestion withdraws the held record and never stores them. */
  static final Set<String> DELETIONS = Set.of("DA", "DF");

  /**
   * Metro 2 puts the days of 65 (paid in full, a foreclosure was started) in the payment rating.
   */
  static final Set<String> NO_DAYS_OF_THEIR_OWN = Set.of("65");

  /** Payment history characters that mean "no data for this month". */
  static final Set<Character> NO_DATA = Set.of('B', 'C', 'D', '-');

  static JsonNode schemaProperty(String name) throws IOException {
    return new ObjectMapper().readTree(TRADELINE_SCHEMA.toFile()).path("properties").path(name);
  }

  @Test
  void everyStatusTheTradelineSchemaAdmitsIsRead() throws IOException {
    JsonNode statuses = schemaProperty("accountStatus").path("enum");
    assertTrue(statuses.size() > 10, "the schema's status enum was not found");
    List<String> unread = new ArrayList<>();
    for (JsonNode s : statuses) {
      String status = s.asText();
      if (!DELETIONS.contains(status)
          && !NO_DAYS_OF_THEIR_OWN.contains(status)
          && AccountStatus.daysPastDue(status) == null) {
        unread.add(status);
      }
    }
    assertEquals(List.of(), unread, "statuses the schema admits that state no days past due");
  }

  @Test
  void everyPaymentHistoryCharacterTheSchemaAdmitsIsDataOrExplicitlyNoData() throws IOException {
    String pattern = schemaProperty("paymentHistoryProfile").path("pattern").asText();
    Matcher m = Pattern.compile("\\[([^\\]]+)\\]").matcher(pattern);
    assertTrue(m.find(), "the schema's history alphabet was not found: " + pattern);
    for (char c : m.group(1).toCharArray()) {
      if (NO_DATA.contains(c)) {
        assertNull(AccountStatus.historyDaysPastDue(c), String.valueOf(c));
      } else {
        assertNotNull(AccountStatus.historyDaysPastDue(c), String.valueOf(c));
      }
    }
  }

  @Test
  void zeroBalanceAndCurrentIsACurrentMonth() {
    assertEquals(0, AccountStatus.historyDaysPastDue('E'));
    assertEquals(0, AccountStatus.historyDaysPastDue('e'));
  }

  @Test
  void theSeriousDerogatoryStatusesReadAsTheirHistoryCharacters() {
    // 93 collection ~ G, 94 foreclosure completed ~ H, 95 voluntary surrender ~ J,
    // 96 merchandise repossessed ~ K, 97 charged off ~ L
    String statuses = "9394959697";
    String characters = "GHJKL";
    for (int i = 0; i < characters.length(); i++) {
      String status = statuses.substring(2 * i, 2 * i + 2);
      assertEquals(
          AccountStatus.historyDaysPastDue(characters.charAt(i)),
          AccountStatus.daysPastDue(status),
          status);
      assertTrue(AccountStatus.isDerogatory(status), status);
      assertTrue(AccountStatus.isClosedOrWrittenOff(status), status);
    }
    // while current and past-due accounts stay open and are not derogatory however late
    for (String status : List.of("11", "71", "78", "80", "82", "83", "84")) {
      assertFalse(AccountStatus.isDerogatory(status), status);
      assertFalse(AccountStatus.isClosedOrWrittenOff(status), status);
    }
  }

  @Test
  void paidAfterADerogatoryEventKeepsItsDaysButIsNoLongerDerogatory() {
    // 61 was a voluntary surrender (J), 62 a collection (G), 63 a repossession (K), 64 a
    // charge-off (L)
    for (String status : List.of("61", "62", "63", "64")) {
      assertEquals(180, AccountStatus.daysPastDue(status), status);
      assertFalse(AccountStatus.isDerogatory(status), status);
      assertTrue(AccountStatus.isClosedOrWrittenOff(status), status);
    }
    assertNull(AccountStatus.daysPastDue("65"));
    assertFalse(AccountStatus.isDerogatory("65"));
    assertTrue(AccountStatus.isClosedOrWrittenOff("65"));
  }
}

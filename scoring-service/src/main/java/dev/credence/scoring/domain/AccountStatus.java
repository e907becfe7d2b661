package dev.credence.scoring.domain;

import java.util.Map;
import java.util.Set;

/**
 * Metro 2 account status codes and payment history profile characters, as the features read them.
 */
public final class AccountStatus {
  private static final Map<String, Integer> DAYS_PAST_DUE =
      Map.ofEntries(
          Map.entry("11", 0),
          Map.entry("13", 0),
          Map.entry("71", 30),
          Map.entry("78", 60),
          Map.entry("80", 90),
          Map.entry("82", 120),
          Map.entry("83", 150),
          Map.entry("84", 180),
          // collection and charge-off follow 180+ days of non-payment
          Map.entry("93", 180),
          Map.entry("97", 180));

  private static final Set<String> DEROGATORY = Set.of("93", "97");

  /**
   * 05 transferred, 13 paid or closed, 61–65 paid in full, 93 collection, 97 charged off, DA/DF.
   */
  private static final Set<String> CLOSED_OR_WRITTEN_OFF =
      Set.of("05", "13", "61", "62", "63", "64", "65", "93", "97", "DA", "DF");

  private AccountStatus() {}

  /** Days past due the status states, or {@code null} when it says nothing about delinquency. */
  public static Integer daysPastDue(String status) {
    return status == null ? null : DAYS_PAST_DUE.get(status.strip());
  }

  public static boolean isDerogatory(String status) {
    return status != null && DEROGATORY.contains(status.strip());
  }

  public static boolean isClosedOrWrittenOff(String status) {
    return status != null && CLOSED_OR_WRITTEN_OFF.contains(status.strip().toUpperCase());
  }

  /**
   * Days past due of one payment history profile character: 0 current, 1..6 = 30..180 days, G
   * (collection), H (foreclosure), J (voluntary surrender), K (repossession), L (charge-off) = 180;
   * anything else (B, D, E, '-', …) is no data and returns {@code null}.
   */
  public static Integer historyDaysPastDue(char c) {
    return switch (Character.toUpperCase(c)) {
      case '0' -> 0;
      case '1' -> 30;
      case '2' -> 60;
      case '3' -> 90;
      case '4' -> 120;
      case '5' -> 150;
      case '6', 'G', 'H', 'J', 'K', 'L' -> 180;
      default -> null;
    };
  }
}

package dev.credence.scoring.domain;

import java.util.Map;
import java.util.Set;

/**
 * Metro 2 account status codes (base segment field 17A) and payment history profile characters
 * (field 18), as the features read them. docs/scoring.md has the table.
 *
 * <p>The five statuses of an unpaid serious derogatory event — 93 collection, 94 foreclosure
 * completed, 95 voluntary surrender, 96 merchandise repossessed, 97 charged off — are the status
 * counterparts of the history characters G, H, J, K and L: each is derogatory, states 180 days past
 * due like its character, and is no open account. The "paid in full, was …" statuses 61 (voluntary
 * surrender), 62 (collection), 63 (repossession) and 64 (charge-off) keep the 180 days (the account
 * did reach that state; only time moves it out of the delinquency window) but are no longer
 * derogatory: settling the account is what moves {@code derogatory_accounts}. 65 (paid in full, a
 * foreclosure was started) states no days of its own: Metro 2 puts them in the payment rating,
 * which is not read.
 */
public final class AccountStatus {
  private static final Map<String, Integer> DAYS_PAST_DUE =
      Map.ofEntries(
          Map.entry("11", 0),
          Map.entry("13", 0),
          // paid in full after a voluntary surrender, collection, repossession or charge-off
          Map.entry("61", 180),
          Map.entry("62", 180),
          Map.entry("63", 180),
          Map.entry("64", 180),
          Map.entry("71", 30),
          Map.entry("78", 60),
          Map.entry("80", 90),
          Map.entry("82", 120),
          Map.entry("83", 150),
          Map.entry("84", 180),
          // collection, foreclosure, surrender, repossession and charge-off: as G, H, J, K, L
          Map.entry("93", 180),
          Map.entry("94", 180),
          Map.entry("95", 180),
          Map.entry("96", 180),
          Map.entry("97", 180));

  /**
   * 93 collection, 94 foreclosure completed, 95 voluntary surrender, 96 repossession, 97 charged
   * off.
   */
  private static final Set<String> DEROGATORY = Set.of("93", "94", "95", "96", "97");

  /**
   * 05 transferred, 13 paid or closed, 61–65 paid in full, 93–97 collection, foreclosure,
   * surrender, repossession, charge-off, DA/DF deleted.
   */
  private static final Set<String> CLOSED_OR_WRITTEN_OFF =
      Set.of("05", "13", "61", "62", "63", "64", "65", "93", "94", "95", "96", "97", "DA", "DF");

  private AccountStatus() {}

  /** Days past due the status states, or {@code null} when it says nothing about delinquency. */
  public static Integer daysPastDue(String status) {
    return status == null ? null : DAYS_PAST_DUE.get(normalise(status));
  }

  public static boolean isDerogatory(String status) {
    return status != null && DEROGATORY.contains(normalise(status));
  }

  public static boolean isClosedOrWrittenOff(String status) {
    return status != null && CLOSED_OR_WRITTEN_OFF.contains(normalise(status));
  }

  private static String normalise(String status) {
    return status.strip().toUpperCase(java.util.Locale.ROOT);
  }

  /**
   * Days past due of one payment history profile character: 0 current and E (zero balance and
   * current) = 0, 1..6 = 30..180 days, G (collection), H (foreclosure), J (voluntary surrender), K
   * (repossession), L (charge-off) = 180; anything else (B no history before this month, D no
   * history this month, '-', …) is no data and returns {@code null}.
   */
  public static Integer historyDaysPastDue(char c) {
    return switch (Character.toUpperCase(c)) {
      case '0', 'E' -> 0;
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

package dev.credence.scoring.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The person features {@link FeatureExtractor} computes. A model may only use features listed here;
 * docs/scoring.md defines each one.
 */
public final class FeatureCatalog {
  public static final String REVOLVING_UTILISATION = "revolving_utilisation";
  public static final String WORST_DELINQUENCY_24M = "worst_delinquency_24m";
  public static final String MONTHS_SINCE_OLDEST_ACCOUNT = "months_since_oldest_account";
  public static final String OPEN_ACCOUNTS = "open_accounts";
  public static final String HARD_INQUIRIES_12M = "hard_inquiries_12m";
  public static final String DEROGATORY_ACCOUNTS = "derogatory_accounts";
  public static final String PUBLIC_RECORDS_10Y = "public_records_10y";
  public static final String ALT_PAYMENT_LATE_12M = "alt_payment_late_12m";

  /**
   * One feature: its label (what a person reads it as, neutral: "Open accounts"; the model's reason
   * text says which way it costs points), its definition, unit, whether it counts inquiries (FCRA
   * §609(f)), in plain words how the person can move it (shown with each what-if change), what
   * moves it and in which direction it can move, and the reason disclosed when it is missing and
   * the model names none.
   */
  public record Definition(
      String name,
      String label,
      String unit,
      String definition,
      boolean inquiries,
      String howToChange,
      Lever lever,
      Direction direction,
      String missingReasonCode,
      String missingReasonText) {}

  /**
   * The way the feature's value can be moved, by the person or by time: the what-if never proposes
   * the other way. Account age only grows (closed accounts count too); inquiries, past delinquency,
   * public records and late alternative payments only leave their windows; settling lowers the
   * derogatory accounts (a plan never tells anyone to fall behind or apply for more credit);
   * utilisation and the number of open accounts go either way.
   */
  public enum Direction {
    UP,
    DOWN,
    BOTH
  }

  /**
   * What moves a feature: {@code ACTION} — something the person can do now (pay down a balance,
   * settle an account, open or close one); {@code TIME} — only time (or a correction of wrong data)
   * moves it: past late payments, inquiries and public records age out, accounts age.
   */
  public enum Lever {
    ACTION,
    TIME
  }

  private static final Map<String, Definition> DEFINITIONS = new LinkedHashMap<>();

  static {
    add(
        REVOLVING_UTILISATION,
        "Revolving utilisation (%)",
        "percent",
        "Sum of current balances over sum of credit limits of open revolving accounts (REVOLVING"
            + " and LINE_OF_CREDIT), x100, one decimal; missing when there is no open revolving"
            + " account with a limit",
        false,
        "Pay down the balances on your revolving accounts; it is recalculated from the balances"
            + " your lenders next report.",
        Lever.ACTION,
        Direction.BOTH,
        "NO_REVOLVING_ACCOUNTS",
        "No open revolving account with a credit limit");
    add(
        WORST_DELINQUENCY_24M,
        "Worst days past due in the last 24 months",
        "days past due",
        "Worst days past due in the 24 months before the as-of date, from each tradeline's"
            + " payment history profile and its current Metro 2 account status; missing when no"
            + " month in the window has data",
        false,
        "Keep every account current: a late month leaves this 24-month window two years after"
            + " it happened.",
        Lever.TIME,
        Direction.DOWN,
        "NO_RECENT_PAYMENT_HISTORY",
        "No payment history reported on any account in the last 24 months");
    add(
        MONTHS_SINCE_OLDEST_ACCOUNT,
        "Age of your oldest account (months)",
        "months",
        "Whole months from the earliest openedOn of any tradeline to the as-of date; missing"
            + " when no tradeline has an opening date",
        false,
        "Only time changes it: it grows by one every month. Closing an account does not lower it"
            + " (closed accounts count too); it falls only if your oldest account leaves your"
            + " file.",
        Lever.TIME,
        Direction.UP,
        "NO_ACCOUNT_HISTORY",
        "No account with a known opening date");
    add(
        OPEN_ACCOUNTS,
        "Open accounts",
        "accounts",
        "Tradelines without closedOn whose status is not closed, paid, transferred, collection,"
            + " foreclosure, voluntary surrender, repossession or charged off",
        false,
        "Changes as you open or close accounts; opening accounts only to change it also adds hard"
            + " inquiries.",
        Lever.ACTION,
        Direction.BOTH,
        null,
        null);
    add(
        HARD_INQUIRIES_12M,
        "Hard inquiries in the last 12 months",
        "inquiries",
        "Hard inquiries (score releases for a credit application or tenant screening) in the 12"
            + " months up to the as-of date, the request being scored excluded",
        true,
        "Make fewer credit applications: each hard inquiry leaves the count 12 months after it was"
            + " made. Looking at your own score never counts.",
        Lever.TIME,
        Direction.DOWN,
        null,
        null);
    add(
        DEROGATORY_ACCOUNTS,
        "Accounts in collection, charged off, foreclosed, surrendered or repossessed",
        "accounts",
        "Tradelines whose current Metro 2 status is 93 (collection), 94 (foreclosure completed),"
            + " 95 (voluntary surrender), 96 (repossession) or 97 (charged off); an account paid in"
            + " full since (61-65) no longer counts",
        false,
        "Settle the collection, charged-off, repossession, surrender or foreclosure balance with"
            + " its holder; it counts until the furnisher reports the account paid. Dispute it if"
            + " it is wrong.",
        Lever.ACTION,
        Direction.DOWN,
        null,
        null);
    add(
        PUBLIC_RECORDS_10Y,
        "Public records in the last 10 years",
        "records",
        "PUBLIC_RECORD records of type BANKRUPTCY, CIVIL_JUDGMENT or TAX_LIEN filed in the 10 years"
            + " up to the as-of date (any status) that are still active (not withdrawn); missing"
            + " when the consent does not cover PUBLIC_RECORD",
        false,
        "Only time or a correction changes it: these records count for 10 years. Dispute one that"
            + " is wrong.",
        Lever.TIME,
        Direction.DOWN,
        "NO_PUBLIC_RECORD_DATA",
        "Public records could not be used for this score");
    add(
        ALT_PAYMENT_LATE_12M,
        "Months with a late rent, utility or telecom payment (last 12)",
        "months",
        "Calendar months among the 12 before the as-of month in which at least one ALT_PAYMENT"
            + " account (rent, utility, telecom) was 30+ days late, from the 24-month payment"
            + " history profiles; missing when the subject has no ALT_PAYMENT account",
        false,
        "Pay rent, utility and telecom bills on time: a late month leaves this window a year"
            + " later.",
        Lever.TIME,
        Direction.DOWN,
        "NO_ALTERNATIVE_PAYMENT_HISTORY",
        "No rent, utility or telecom payment account reported");
  }

  private FeatureCatalog() {}

  private static void add(
      String name,
      String label,
      String unit,
      String definition,
      boolean inquiries,
      String howToChange,
      Lever lever,
      Direction direction,
      String missingReasonCode,
      String missingReasonText) {
    DEFINITIONS.put(
        name,
        new Definition(
            name,
            label,
            unit,
            definition,
            inquiries,
            howToChange,
            lever,
            direction,
            missingReasonCode,
            missingReasonText));
  }

  /** How a feature moves; a feature outside the catalogue counts as moved only by time. */
  public static Lever lever(String name) {
    Definition d = DEFINITIONS.get(name);
    return d == null ? Lever.TIME : d.lever();
  }

  /**
   * The way a feature can be moved; {@code null} for a feature outside the catalogue (nothing is
   * known about it, so the what-if never changes it).
   */
  public static Direction direction(String name) {
    Definition d = DEFINITIONS.get(name);
    return d == null ? null : d.direction();
  }

  public static Set<String> names() {
    return DEFINITIONS.keySet();
  }

  public static Optional<Definition> definition(String name) {
    return Optional.ofNullable(DEFINITIONS.get(name));
  }

  /** True for features that count inquiries; their reason is always disclosed when it costs. */
  public static boolean isInquiryFeature(String name) {
    Definition d = DEFINITIONS.get(name);
    return d != null && d.inquiries();
  }
}

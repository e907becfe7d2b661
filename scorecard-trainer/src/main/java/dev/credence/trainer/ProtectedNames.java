package dev.credence.trainer;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Words that mark a column as a protected attribute or a close proxy of one (GDPR Art. 9, ECOA /
 * Regulation B): a column whose name carries one is never a feature, whatever the config says.
 * scoring-service refuses the same words when it loads a model (its {@code ScorecardValidator});
 * {@code ProtectedWordsAgreeTest} there keeps the two lists equal. Account age is named {@code
 * months_since_…}, never "age".
 */
public final class ProtectedNames {
  public static final Set<String> WORDS =
      Set.of(
          "age",
          "birth",
          "birthdate",
          "dob",
          "sex",
          "gender",
          "marital",
          "married",
          "spouse",
          "race",
          "racial",
          "ethnic",
          "ethnicity",
          "religion",
          "religious",
          "belief",
          "faith",
          "national",
          "nationality",
          "citizenship",
          "foreign",
          "immigration",
          "political",
          "union",
          "health",
          "disability",
          "pregnancy",
          "genetic",
          "biometric",
          "orientation",
          "sexual",
          "postcode",
          "zip",
          "location");

  /** Phrases matched with every non-letter removed. */
  public static final List<String> PHRASES =
      List.of("nationalorigin", "dateofbirth", "maritalstatus", "tradeunion");

  private ProtectedNames() {}

  /** The protected word in a column name, or null. Words are split on non-letters and case. */
  public static String protectedWord(String name) {
    String spaced = name.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    for (String word : spaced.split("[^a-z]+")) {
      if (WORDS.contains(word)) {
        return word;
      }
    }
    String squashed = spaced.replaceAll("[^a-z]", "");
    for (String phrase : PHRASES) {
      if (squashed.contains(phrase)) {
        return phrase;
      }
    }
    return null;
  }
}

package dev.credence.consent.domain;

import java.util.Locale;

/**
 * Legal Entity Identifier (ISO 17442): 18 upper-case alphanumeric characters followed by two check
 * digits, valid when the whole 20-character code read as an ISO 7064 MOD 97-10 number (letters A=10
 * … Z=35) leaves remainder 1.
 */
public final class Lei {
  private Lei() {}

  /** Upper-cases and strips spaces; does not validate. */
  public static String normalise(String lei) {
    return lei == null ? null : lei.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
  }

  public static boolean isValid(String lei) {
    String code = normalise(lei);
    if (code == null || !code.matches("[0-9A-Z]{18}[0-9]{2}")) {
      return false;
    }
    return mod97(code) == 1;
  }

  /** The two check digits for an 18-character prefix. */
  public static String checkDigits(String prefix18) {
    String prefix = normalise(prefix18);
    if (prefix == null || !prefix.matches("[0-9A-Z]{18}")) {
      throw new IllegalArgumentException("An LEI prefix has 18 alphanumeric characters");
    }
    int check = 98 - mod97(prefix + "00");
    return String.format(Locale.ROOT, "%02d", check);
  }

  private static int mod97(String code) {
    int remainder = 0;
    for (int i = 0; i < code.length(); i++) {
      int value = Character.digit(code.charAt(i), 36);
      remainder = value < 10 ? (remainder * 10 + value) % 97 : (remainder * 100 + value) % 97;
    }
    return remainder;
  }
}

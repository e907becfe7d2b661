package dev.credence.common.problem;

/**
 * The one rule for free text a service accepts: no C0 control character but tab, line feed and
 * carriage return. PostgreSQL refuses U+0000 in text and {@code jsonb} (a 500 where a 400 was due),
 * and the others have no business in a name, a reason or a record.
 */
public final class FreeText {
  private FreeText() {}

  /** True when {@code s} (null counts as plain) holds no refused control character. */
  public static boolean isPlain(String s) {
    if (s == null) {
      return true;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
        return false;
      }
    }
    return true;
  }
}

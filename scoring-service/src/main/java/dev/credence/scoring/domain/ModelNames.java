package dev.credence.scoring.domain;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What a model's {@code id} and {@code version} may hold. Together they name the model everywhere
 * (its key {@code <id>-v<version>} in {@code /v1/models/{key}}, in disclosures, in the trainer's
 * file names), so they are restricted to characters that need no escaping in a URL path segment or
 * a file name.
 */
public final class ModelNames {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private ModelNames() {}

  /** Adds a problem when a present {@code value} is not a valid name (absence is checked apart). */
  public static void check(List<String> problems, String field, String value) {
    if (value != null && !value.isBlank() && !NAME.matcher(value).matches()) {
      problems.add(
          field
              + " must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or"
              + " digit (it names the model in URLs and file names)");
    }
  }
}

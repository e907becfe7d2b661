package dev.credence.common.identity;

import dev.credence.common.events.IdentifierHash;
import dev.credence.common.events.IdentifierType;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Matches identifiers (national id, tax number, registration number, LEI) through a keyed hash
 * (HMAC-SHA256) so that no service stores or sends them in clear. All services share the key; an
 * attacker holding a table of hashes cannot enumerate national ids without it.
 */
public final class IdentifierHasher {
  private static final String ALGORITHM = "HmacSHA256";
  private final SecretKeySpec key;

  public IdentifierHasher(byte[] key) {
    if (key == null || key.length < 32) {
      throw new IllegalArgumentException("The identifier key must be at least 32 bytes");
    }
    this.key = new SecretKeySpec(key.clone(), ALGORITHM);
  }

  public static IdentifierHasher fromBase64(String base64Key) {
    return new IdentifierHasher(Base64.getDecoder().decode(base64Key.trim()));
  }

  /** Uppercase, with spaces, dots, dashes and slashes removed: "ab-12 3" and "AB123" match. */
  public static String normalise(String identifier) {
    return identifier.strip().toUpperCase(Locale.ROOT).replaceAll("[\\s.\\-/]", "");
  }

  public IdentifierHash hash(IdentifierType type, String identifier) {
    String normalised = normalise(identifier);
    if (normalised.isEmpty()) {
      throw new IllegalArgumentException("Identifier is empty");
    }
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      byte[] digest =
          mac.doFinal((type.name() + ":" + normalised).getBytes(StandardCharsets.UTF_8));
      return new IdentifierHash(
          type, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }
}

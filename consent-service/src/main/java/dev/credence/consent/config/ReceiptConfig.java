package dev.credence.consent.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Consent receipt signing and the controller named in every receipt. */
@ConfigMapping(prefix = "credence.receipts")
public interface ReceiptConfig {
  /** PKCS#8 PEM file of the EC P-256 signing key (production: CONSENT_RECEIPT_KEY_FILE). */
  Optional<String> signingKeyFile();

  /** PEM file of the matching public key, published as a JWK set. */
  Optional<String> verificationKeyFile();

  /**
   * PEM files of earlier verification keys, kept in the published key set after a rotation so that
   * receipts and checkpoints signed before it still verify (production:
   * CONSENT_RECEIPT_RETIRED_KEY_FILES, comma-separated). Nothing is signed with them.
   */
  Optional<java.util.List<String>> retiredVerificationKeyFiles();

  /**
   * A directory whose {@code *.pem} files are earlier verification keys, like {@link
   * #retiredVerificationKeyFiles} (production: CONSENT_RECEIPT_RETIRED_KEY_DIR, where the base
   * manifests mount the optional secret {@code consent-receipt-retired-keys}). A rotation then adds
   * a key to that secret, not a path to the manifests. A directory that does not exist holds none.
   */
  Optional<String> retiredVerificationKeyDir();

  /**
   * Local development and tests only: without key files, sign with a key generated at start-up
   * (receipts then stop verifying after a restart). Never enabled in production.
   */
  @WithDefault("false")
  boolean allowEphemeralKey();

  @WithDefault("Credence")
  String controllerName();

  @WithDefault("privacy@credence.dev")
  String controllerContact();

  /** The controller's postal address (Kantara v1.1 piiControllers[].address); set in production. */
  Optional<String> controllerAddress();

  /** The controller's telephone number (Kantara v1.1 piiControllers[].phone); set in production. */
  Optional<String> controllerPhone();

  @WithDefault("EU")
  String jurisdiction();

  @WithDefault("https://credence.dev/privacy")
  String policyUrl();
}

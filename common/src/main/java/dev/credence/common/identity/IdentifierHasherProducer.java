package dev.credence.common.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

public class IdentifierHasherProducer {

  /** {@code credence.identifier-key}: base64 of at least 32 random bytes, from the environment. */
  @Produces
  @ApplicationScoped
  IdentifierHasher identifierHasher(@ConfigProperty(name = "credence.identifier-key") String key) {
    return IdentifierHasher.fromBase64(key);
  }
}

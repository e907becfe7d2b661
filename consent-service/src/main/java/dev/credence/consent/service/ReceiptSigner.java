package dev.credence.consent.service;

import dev.credence.consent.config.ReceiptConfig;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/**
 * Signs consent receipts as compact JWS (ES256) with the platform's key, and publishes the
 * verification key as a JWK set so that anyone can verify a receipt offline. JOSE is jose4j's.
 */
@ApplicationScoped
public class ReceiptSigner {
  public static final String MEDIA_TYPE = "consent-receipt+jws";
  private static final Logger LOG = Logger.getLogger(ReceiptSigner.class);

  @Inject ReceiptConfig config;

  private PrivateKey signingKey;
  private PublicJsonWebKey publicJwk;
  private Map<String, Object> jwks;

  /** Every published key by kid: the current one and the retired ones. */
  private final Map<String, PublicJsonWebKey> verificationKeys = new java.util.LinkedHashMap<>();

  @PostConstruct
  void loadKeys() {
    try {
      PublicKey publicKey;
      if (config.signingKeyFile().isPresent() && config.verificationKeyFile().isPresent()) {
        signingKey =
            KeyUtils.decodePrivateKey(
                Files.readString(Path.of(config.signingKeyFile().get())), SignatureAlgorithm.ES256);
        publicKey =
            KeyUtils.decodePublicKey(
                Files.readString(Path.of(config.verificationKeyFile().get())),
                SignatureAlgorithm.ES256);
      } else if (config.allowEphemeralKey()) {
        LOG.warn("No receipt key files configured: signing receipts with an ephemeral key");
        KeyPair pair = KeyUtils.generateKeyPair(256, SignatureAlgorithm.ES256);
        signingKey = pair.getPrivate();
        publicKey = pair.getPublic();
      } else {
        throw new IllegalStateException(
            "credence.receipts.signing-key-file and verification-key-file must be set");
      }
      publicJwk = jwk(publicKey);
      java.util.List<JsonWebKey> published = new java.util.ArrayList<>();
      published.add(publicJwk);
      verificationKeys.put(publicJwk.getKeyId(), publicJwk);
      java.util.List<Path> retiredFiles = new java.util.ArrayList<>();
      for (String file : config.retiredVerificationKeyFiles().orElse(java.util.List.of())) {
        retiredFiles.add(Path.of(file.strip()));
      }
      if (config.retiredVerificationKeyDir().isPresent()) {
        retiredFiles.addAll(pemFilesIn(Path.of(config.retiredVerificationKeyDir().get())));
      }
      for (Path file : retiredFiles) {
        PublicJsonWebKey retired =
            jwk(KeyUtils.decodePublicKey(Files.readString(file), SignatureAlgorithm.ES256));
        if (verificationKeys.putIfAbsent(retired.getKeyId(), retired) == null) {
          published.add(retired);
        }
      }
      jwks =
          Map.copyOf(
              org.jose4j.json.JsonUtil.parseJson(
                  new JsonWebKeySet(published).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)));
    } catch (Exception e) {
      throw new IllegalStateException(
          "Receipt signing key could not be loaded: " + e.getMessage(), e);
    }
  }

  /**
   * The {@code *.pem} files of a directory, in name order; none if it does not exist. A mounted
   * Kubernetes secret also holds hidden entries ({@code ..data} and a timestamped directory) that
   * its files link into: those are skipped, the links followed.
   */
  static java.util.List<Path> pemFilesIn(Path dir) throws java.io.IOException {
    if (!Files.isDirectory(dir)) {
      return java.util.List.of();
    }
    try (java.util.stream.Stream<Path> entries = Files.list(dir)) {
      return entries
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .filter(p -> p.getFileName().toString().endsWith(".pem"))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    }
  }

  /** The signing key's public half or a retired one, as published: kid = RFC 7638 thumbprint. */
  private static PublicJsonWebKey jwk(PublicKey key) throws JoseException {
    PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(key);
    jwk.setKeyId(jwk.calculateBase64urlEncodedThumbprint("SHA-256"));
    jwk.setUse("sig");
    jwk.setAlgorithm(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
    return jwk;
  }

  /** The compact JWS of the given receipt JSON. */
  public String sign(String receiptJson) {
    return sign(receiptJson, MEDIA_TYPE);
  }

  /**
   * The compact JWS of a JSON document with the given {@code typ} header (receipts, access-log
   * checkpoints): one key, one published key set, so anyone verifies both offline.
   */
  public String sign(String json, String typ) {
    try {
      JsonWebSignature jws = new JsonWebSignature();
      jws.setPayload(json);
      jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
      jws.setKeyIdHeaderValue(publicJwk.getKeyId());
      jws.setHeader("typ", typ);
      jws.setKey(signingKey);
      return jws.getCompactSerialization();
    } catch (JoseException e) {
      throw new IllegalStateException("Document could not be signed", e);
    }
  }

  /**
   * The payload of a compact JWS of this {@code typ} signed (ES256) with this service's key or a
   * retired one it still publishes, or empty when it is malformed, of another type or algorithm, or
   * its signature does not verify.
   */
  public java.util.Optional<String> verified(String compact, String typ) {
    try {
      JsonWebSignature jws = new JsonWebSignature();
      jws.setAlgorithmConstraints(
          new org.jose4j.jwa.AlgorithmConstraints(
              org.jose4j.jwa.AlgorithmConstraints.ConstraintType.PERMIT,
              AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256));
      jws.setCompactSerialization(compact);
      if (!typ.equals(jws.getHeader("typ"))) {
        return java.util.Optional.empty();
      }
      PublicJsonWebKey key = verificationKeys.get(jws.getKeyIdHeaderValue());
      if (key == null) {
        return java.util.Optional.empty();
      }
      jws.setKey(key.getPublicKey());
      return jws.verifySignature()
          ? java.util.Optional.of(jws.getPayload())
          : java.util.Optional.empty();
    } catch (JoseException | RuntimeException e) {
      return java.util.Optional.empty();
    }
  }

  /** The public JWK set (RFC 7517) that verifies every receipt. */
  public Map<String, Object> jwks() {
    return jwks;
  }

  public String keyId() {
    return publicJwk.getKeyId();
  }
}

package dev.credence.consent.portal;

import dev.credence.common.problem.ProblemException;
import dev.credence.common.problem.ProblemType;
import dev.credence.common.security.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * CSRF protection of the portal's forms: a synchronizer token bound to the login session, computed
 * rather than stored — {@code HMAC-SHA256(key, subject id | Keycloak session id)}. Every form
 * carries it in the hidden field {@value #FIELD} (templates use {@code {inject:csrf.token}}); every
 * portal POST calls {@link #verify} first. A cross-site page cannot read it, and it changes with
 * each login session.
 *
 * <p>Why not quarkus-rest-csrf: its filter applies to every JAX-RS endpoint of the service, so it
 * also refused the {@code /v1} API's body-less POSTs sent with a form content type (as curl {@code
 * -d ''} and REST Assured do). This check is confined to the portal.
 */
@RequestScoped
@Named("csrf")
public class PortalCsrf {
  public static final String FIELD = "csrf-token";
  public static final ProblemType INVALID =
      new ProblemType("portal-form-token-invalid", 403, "Form token missing or invalid");
  private static final Logger LOG = Logger.getLogger(PortalCsrf.class);
  private static volatile byte[] generatedKey;

  @Inject Caller caller;
  @Inject JsonWebToken idToken;

  @ConfigProperty(name = "credence.portal.csrf-secret")
  Optional<String> secret;

  public String getParameterName() {
    return FIELD;
  }

  public String getToken() {
    String sid = idToken.getClaim("sid");
    return token(key(), caller.subjectId(), sid == null ? "" : sid);
  }

  /** Refuses the request unless the submitted token is this session's token. */
  public void verify(String submitted) {
    byte[] expected = getToken().getBytes(StandardCharsets.US_ASCII);
    byte[] actual = submitted == null ? new byte[0] : submitted.getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, actual)) {
      throw new ProblemException(
          INVALID,
          "This form was not issued to your current session (it may be from an old page or"
              + " another site). Reload the page and try again.");
    }
  }

  static String token(byte[] key, String subjectId, String sessionId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] tag =
          mac.doFinal(
              ("credence-portal-csrf|" + subjectId + "|" + sessionId)
                  .getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] key() {
    Optional<String> configured = secret.filter(s -> !s.isBlank());
    if (configured.isPresent()) {
      try {
        // a key of its own, derived from the configured secret
        return MessageDigest.getInstance("SHA-256")
            .digest(("csrf:" + configured.get()).getBytes(StandardCharsets.UTF_8));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
    byte[] key = generatedKey;
    if (key == null) {
      synchronized (PortalCsrf.class) {
        if (generatedKey == null) {
          LOG.warn(
              "credence.portal.csrf-secret is not set: portal form tokens use a key generated at"
                  + " start-up (forms from before a restart or from another replica are refused)");
          byte[] fresh = new byte[32];
          new SecureRandom().nextBytes(fresh);
          generatedKey = fresh;
        }
        key = generatedKey;
      }
    }
    return key;
  }
}

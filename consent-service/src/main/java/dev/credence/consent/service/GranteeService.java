package dev.credence.consent.service;

import dev.credence.common.events.ConsentDirection;
import dev.credence.common.problem.ProblemException;
import dev.credence.consent.model.Grantee;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The registry of lenders and data furnishers that consents may name. */
@ApplicationScoped
public class GranteeService {
  @Inject EntityManager em;
  @Inject Clock clock;

  /** What an operator states about a client id. */
  public record Registration(
      Grantee.Kind kind,
      String legalName,
      String tradeName,
      String address,
      String phone,
      String email,
      String website) {}

  /** Whether {@link #register} created the entry or updated one. */
  public record Registered(Grantee grantee, boolean created) {}

  /**
   * Registers the client id, or updates what is held about it. One {@code insert … on conflict}
   * decides which, so two operators registering the same client at once cannot both create it.
   */
  @Transactional
  public Registered register(String clientId, Registration r, String operator) {
    Instant now = clock.instant();
    int inserted =
        em.createNativeQuery(
                "insert into grantee (client_id, kind, legal_name, trade_name, address, phone,"
                    + " email, website, registered_at, registered_by, updated_at, updated_by)"
                    + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?9, ?10)"
                    + " on conflict (client_id) do nothing")
            .setParameter(1, clientId)
            .setParameter(2, r.kind().name())
            .setParameter(3, r.legalName().strip())
            .setParameter(4, blankToNull(r.tradeName()))
            .setParameter(5, r.address().strip())
            .setParameter(6, r.phone().strip())
            .setParameter(7, blankToNull(r.email()))
            .setParameter(8, blankToNull(r.website()))
            .setParameter(9, now)
            .setParameter(10, operator)
            .executeUpdate();
    if (inserted == 1) {
      return new Registered(Grantee.findById(clientId), true);
    }
    Grantee g = Grantee.findById(clientId, LockModeType.PESSIMISTIC_WRITE);
    if (g.kind != r.kind()) {
      // consents already given name it as what it was registered as
      throw new ProblemException(
          ConsentProblems.GRANTEE_KIND_FIXED,
          "The client is registered as a " + g.kind + "; its kind cannot change");
    }
    g.legalName = r.legalName().strip();
    g.tradeName = blankToNull(r.tradeName());
    g.address = r.address().strip();
    g.phone = r.phone().strip();
    g.email = blankToNull(r.email());
    g.website = blankToNull(r.website());
    g.updatedAt = now;
    g.updatedBy = operator;
    return new Registered(g, false);
  }

  public Optional<Grantee> find(String clientId) {
    return Grantee.findByIdOptional(clientId);
  }

  public Grantee get(String clientId) {
    return find(clientId)
        .orElseThrow(
            () ->
                new ProblemException(
                    ConsentProblems.GRANTEE_NOT_FOUND,
                    "No grantee registered with that client id"));
  }

  public List<Grantee> all(Grantee.Kind kind) {
    return kind == null
        ? Grantee.list("order by clientId")
        : Grantee.list("kind = ?1 order by clientId", kind);
  }

  /** The kind of grantee a consent of this direction names. */
  public static Grantee.Kind kindFor(ConsentDirection direction) {
    return direction == ConsentDirection.DISCLOSE ? Grantee.Kind.LENDER : Grantee.Kind.FURNISHER;
  }

  /**
   * Why a consent of this direction cannot name this client id, or empty when it can: it must be
   * registered, as a lender for DISCLOSE and as a data furnisher for COLLECT.
   */
  public Optional<String> refusal(String clientId, ConsentDirection direction) {
    if (clientId == null || clientId.isBlank() || direction == null) {
      return Optional.empty(); // the terms' own rules name these
    }
    Grantee g = Grantee.findById(clientId);
    Grantee.Kind needed = kindFor(direction);
    if (g == null) {
      return Optional.of("is not a lender or data furnisher registered with Credence");
    }
    if (g.kind != needed) {
      return Optional.of(
          direction == ConsentDirection.DISCLOSE
              ? "is registered as a data furnisher: a DISCLOSE consent goes to a lender"
              : "is registered as a lender: a COLLECT consent goes to a data furnisher");
    }
    return Optional.empty();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}

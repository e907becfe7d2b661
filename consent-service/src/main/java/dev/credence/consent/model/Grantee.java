package dev.credence.consent.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * A lender or data furnisher an operator has admitted: who stands behind an OAuth client id. A
 * person sees this, not the client id, when asked for consent and in their access log.
 */
@Entity
public class Grantee extends PanacheEntityBase {
  /** What a grantee does with a consent: a lender is disclosed to, a furnisher collects. */
  public enum Kind {
    LENDER,
    FURNISHER
  }

  @Id
  @Column(name = "client_id")
  public String clientId;

  @Enumerated(EnumType.STRING)
  public Kind kind;

  @Column(name = "legal_name")
  public String legalName;

  @Column(name = "trade_name")
  public String tradeName;

  public String address;

  public String phone;

  public String email;

  public String website;

  @Column(name = "registered_at")
  public Instant registeredAt;

  @Column(name = "registered_by")
  public String registeredBy;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Column(name = "updated_by")
  public String updatedBy;

  /** The name a person knows the grantee by: its trade name when it has one. */
  public String displayName() {
    return tradeName == null || tradeName.isBlank() ? legalName : tradeName;
  }

  /** The registered grantees among these client ids, by client id (one query). */
  public static Map<String, Grantee> byClientIds(Collection<String> clientIds) {
    Map<String, Grantee> out = new HashMap<>();
    if (clientIds.isEmpty()) {
      return out;
    }
    Grantee.<Grantee>list("clientId in ?1", clientIds.stream().distinct().toList())
        .forEach(g -> out.put(g.clientId, g));
    return out;
  }
}

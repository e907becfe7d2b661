package dev.credence.ingestion.model;

import dev.credence.common.events.ConsentChanged;
import dev.credence.common.events.ConsentDirection;
import dev.credence.common.events.ConsentStatus;
import dev.credence.common.events.DataCategory;
import dev.credence.common.events.IdentifierHash;
import dev.credence.common.events.SubjectType;
import dev.credence.ingestion.domain.CollectConsent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;

/**
 * The local projection of consent-service's subjects and consents, built from consent events.
 * Ingestion never reads consent-service's tables: this is its own, stale-safe view (a consent it
 * has not heard of is no consent).
 */
@ApplicationScoped
public class ProjectionStore {
  @Inject EntityManager em;

  /** An enrolled subject as the projection knows it. */
  public record KnownSubject(String subjectId, SubjectType subjectType) {}

  @Transactional(Transactional.TxType.MANDATORY)
  public void upsertSubject(
      String subjectId, SubjectType type, Instant registeredAt, List<IdentifierHash> identifiers) {
    em.createNativeQuery(
            "insert into subject_view (subject_id, subject_type, registered_at) values (?1, ?2, ?3)"
                + " on conflict (subject_id) do nothing")
        .setParameter(1, subjectId)
        .setParameter(2, type.name())
        .setParameter(3, Timestamp.from(registeredAt))
        .executeUpdate();
    for (IdentifierHash identifier : identifiers) {
      em.createNativeQuery(
              "insert into subject_identifier_view (identifier_type, identifier_hash, subject_id)"
                  + " values (?1, ?2, ?3) on conflict do nothing")
          .setParameter(1, identifier.type().name())
          .setParameter(2, identifier.hash())
          .setParameter(3, subjectId)
          .executeUpdate();
    }
  }

  /**
   * Replaces the view of a consent with this state unless the view already holds a state with an
   * equal or higher sequence (last writer by sequence wins; replays and reordering change nothing).
   * True when the view changed.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean upsertConsent(ConsentChanged c) {
    String[] categories = c.categories().stream().map(Enum::name).toArray(String[]::new);
    int changed =
        em.unwrap(Session.class)
            .createNativeMutationQuery(
                "insert into consent_view (consent_id, sequence, subject_id, grantee_id,"
                    + " direction, purpose, categories, status, starts_at, expires_at,"
                    + " changed_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
                    + " on conflict (consent_id) do update set sequence = excluded.sequence,"
                    + " subject_id = excluded.subject_id, grantee_id = excluded.grantee_id,"
                    + " direction = excluded.direction, purpose = excluded.purpose,"
                    + " categories = excluded.categories, status = excluded.status,"
                    + " starts_at = excluded.starts_at, expires_at = excluded.expires_at,"
                    + " changed_at = excluded.changed_at"
                    + " where consent_view.sequence < excluded.sequence")
            .setParameter(1, c.consentId())
            .setParameter(2, c.sequence())
            .setParameter(3, c.subjectId())
            .setParameter(4, c.granteeId())
            .setParameter(5, c.direction().name())
            .setParameter(6, c.purpose().name())
            .setParameter(7, categories, String[].class)
            .setParameter(8, c.status().name())
            .setParameter(9, Timestamp.from(c.startsAt()))
            .setParameter(10, Timestamp.from(c.expiresAt()))
            .setParameter(
                11, c.changedAt() == null ? null : Timestamp.from(c.changedAt()), Timestamp.class)
            .executeUpdate();
    return changed == 1;
  }

  /** The enrolled subject an identifier hash belongs to. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<KnownSubject> findSubject(IdentifierHash identifier) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select s.subject_id, s.subject_type from subject_identifier_view i"
                    + " join subject_view s on s.subject_id = i.subject_id"
                    + " where i.identifier_type = ?1 and i.identifier_hash = ?2")
            .setParameter(1, identifier.type().name())
            .setParameter(2, identifier.hash())
            .getResultList();
    return rows.stream()
        .findFirst()
        .map(row -> new KnownSubject((String) row[0], SubjectType.valueOf((String) row[1])));
  }

  /** The subject's COLLECT consents granted to this furnisher, whatever their state. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<CollectConsent> collectConsents(String subjectId, String furnisherId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select consent_id, grantee_id, direction, cast(categories as text[]), status,"
                    + " starts_at, expires_at from consent_view"
                    + " where subject_id = ?1 and grantee_id = ?2 and direction = 'COLLECT'")
            .setParameter(1, subjectId)
            .setParameter(2, furnisherId)
            .getResultList();
    return rows.stream()
        .map(
            row ->
                new CollectConsent(
                    (UUID) row[0],
                    (String) row[1],
                    ConsentDirection.valueOf((String) row[2]),
                    categories((String[]) row[3]),
                    ConsentStatus.valueOf((String) row[4]),
                    instant(row[5]),
                    instant(row[6])))
        .toList();
  }

  /** The enrolled subjects of many identifier hashes, in one query (bulk intake). */
  @Transactional(Transactional.TxType.MANDATORY)
  public Map<IdentifierHash, KnownSubject> findSubjects(Collection<IdentifierHash> identifiers) {
    Map<IdentifierHash, KnownSubject> found = new HashMap<>();
    if (identifiers.isEmpty()) {
      return found;
    }
    List<String> types = new ArrayList<>();
    List<String> hashes = new ArrayList<>();
    identifiers.forEach(
        i -> {
          types.add(i.type().name());
          hashes.add(i.hash());
        });
    em.unwrap(Session.class)
        .doWork(
            c -> {
              try (PreparedStatement q =
                  c.prepareStatement(
                      "select i.identifier_type, i.identifier_hash, s.subject_id, s.subject_type"
                          + " from subject_identifier_view i"
                          + " join subject_view s on s.subject_id = i.subject_id"
                          + " join unnest(?, ?) as u(t, h)"
                          + " on i.identifier_type = u.t and i.identifier_hash = u.h")) {
                q.setArray(1, c.createArrayOf("text", types.toArray()));
                q.setArray(2, c.createArrayOf("text", hashes.toArray()));
                try (ResultSet rs = q.executeQuery()) {
                  while (rs.next()) {
                    found.put(
                        new IdentifierHash(
                            dev.credence.common.events.IdentifierType.valueOf(rs.getString(1)),
                            rs.getString(2)),
                        new KnownSubject(rs.getString(3), SubjectType.valueOf(rs.getString(4))));
                  }
                }
              }
            });
    return found;
  }

  /** The COLLECT consents granted to this furnisher by many subjects, in one query. */
  @Transactional(Transactional.TxType.MANDATORY)
  public Map<String, List<CollectConsent>> collectConsents(
      Collection<String> subjectIds, String furnisherId) {
    Map<String, List<CollectConsent>> found = new HashMap<>();
    if (subjectIds.isEmpty()) {
      return found;
    }
    em.unwrap(Session.class)
        .doWork(
            c -> {
              try (PreparedStatement q =
                  c.prepareStatement(
                      "select subject_id, consent_id, grantee_id, direction,"
                          + " cast(categories as text[]), status, starts_at, expires_at"
                          + " from consent_view where grantee_id = ? and direction = 'COLLECT'"
                          + " and subject_id = any(?)")) {
                q.setString(1, furnisherId);
                q.setArray(2, c.createArrayOf("text", subjectIds.toArray()));
                try (ResultSet rs = q.executeQuery()) {
                  while (rs.next()) {
                    found
                        .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(
                            new CollectConsent(
                                rs.getObject(2, UUID.class),
                                rs.getString(3),
                                ConsentDirection.valueOf(rs.getString(4)),
                                categories((String[]) rs.getArray(5).getArray()),
                                ConsentStatus.valueOf(rs.getString(6)),
                                rs.getTimestamp(7).toInstant(),
                                rs.getTimestamp(8).toInstant()));
                  }
                }
              }
            });
    return found;
  }

  private static Set<DataCategory> categories(String[] names) {
    Set<DataCategory> set = EnumSet.noneOf(DataCategory.class);
    Arrays.stream(names)
        .forEach(
            name -> {
              // A category this version does not know permits nothing here.
              for (DataCategory category : DataCategory.values()) {
                if (category.name().equals(name)) {
                  set.add(category);
                }
              }
            });
    return set;
  }

  private static Instant instant(Object value) {
    if (value instanceof Instant instant) {
      return instant;
    }
    if (value instanceof Timestamp timestamp) {
      return timestamp.toInstant();
    }
    if (value instanceof java.time.OffsetDateTime odt) {
      return odt.toInstant();
    }
    throw new IllegalStateException("Unexpected timestamp type " + value.getClass());
  }
}

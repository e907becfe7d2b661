package dev.credence.consent.portal;

import dev.credence.common.events.ConsentStatus;
import dev.credence.common.events.Purpose;
import dev.credence.consent.model.AccessLogEntry;
import dev.credence.consent.model.Consent;
import dev.credence.consent.model.ConsentHistoryEntry;
import dev.credence.consent.model.ConsentReceipt;
import dev.credence.consent.model.Grantee;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the portal's templates show: display-ready values, no entities in templates. */
public final class PortalViews {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  private PortalViews() {}

  /** One consent as a card on the dashboard or the head of its detail page. */
  public record ConsentCard(
      String id,
      String granteeId,
      String granteeName,
      String granteeContact,
      String direction,
      String directionText,
      String purposeCode,
      String purposeText,
      String categories,
      String status,
      String startsAt,
      String expiresAt,
      String usage,
      String createdAt,
      String requestedBy) {}

  public record HistoryRow(
      long sequence, String from, String to, String changedAt, String changedBy, String reason) {}

  public record ReceiptRow(String id, String kind, String issuedAt) {}

  public record AccessRow(
      long sequence,
      String disclosedAt,
      String lenderId,
      String lenderName,
      String lenderContact,
      String purposeCode,
      String purposeText,
      String consentId,
      String outcome,
      String score,
      String model) {}

  /** The hash chain's state as the person sees it. */
  public record ChainStatus(boolean intact, String message) {}

  /** A purpose of the catalogue, for the grant form. */
  public record PurposeOption(String code, String direction, String text, boolean selected) {}

  /** A check box of the grant form. */
  public record CategoryOption(String code, boolean checked) {}

  /** A registered lender or furnisher as the grant form offers it. */
  public record GranteeOption(String clientId, String label) {}

  static ConsentCard card(Consent c, Instant now, long disclosures) {
    return card(c, now, disclosures, Grantee.findById(c.granteeId));
  }

  static ConsentCard card(Consent c, Instant now, long disclosures, Grantee g) {
    return new ConsentCard(
        c.id.toString(),
        c.granteeId,
        name(c.granteeId, g),
        contact(g),
        c.direction.name(),
        switch (c.direction) {
          case DISCLOSE -> "may see my score";
          case COLLECT -> "may report my data";
        },
        c.purpose.name(),
        c.purpose.text(),
        String.join(", ", Arrays.stream(c.categories).sorted().toList()),
        c.effectiveStatus(now).name(),
        when(c.startsAt),
        day(c.expiresAt.minusSeconds(1)),
        usage(c.usageLimit, disclosures),
        when(c.createdAt),
        c.requestedBy);
  }

  static List<ConsentCard> cards(
      List<Consent> consents, Instant now, Map<UUID, Long> disclosures, ConsentStatus... statuses) {
    List<ConsentStatus> wanted = List.of(statuses);
    List<Consent> shown =
        consents.stream().filter(c -> wanted.contains(c.effectiveStatus(now))).toList();
    Map<String, Grantee> grantees =
        Grantee.byClientIds(shown.stream().map(c -> c.granteeId).toList());
    return shown.stream()
        .map(c -> card(c, now, disclosures.getOrDefault(c.id, 0L), grantees.get(c.granteeId)))
        .toList();
  }

  static HistoryRow history(ConsentHistoryEntry h) {
    return new HistoryRow(
        h.key.sequence(),
        h.fromStatus == null ? "—" : h.fromStatus.name(),
        h.toStatus.name(),
        when(h.changedAt),
        h.changedBy,
        h.reason == null ? "" : h.reason);
  }

  static ReceiptRow receipt(ConsentReceipt r) {
    return new ReceiptRow(
        r.id.toString(),
        r.kind == ConsentReceipt.Kind.GRANT ? "Grant" : "Revocation",
        when(r.issuedAt));
  }

  /** A page of the access log, its lenders read in one query. */
  static List<AccessRow> access(List<AccessLogEntry> entries) {
    Map<String, Grantee> lenders =
        Grantee.byClientIds(entries.stream().map(e -> e.lenderId).toList());
    return entries.stream().map(e -> access(e, lenders.get(e.lenderId))).toList();
  }

  static AccessRow access(AccessLogEntry e, Grantee g) {
    String text;
    try {
      text = Purpose.valueOf(e.purpose).text();
    } catch (IllegalArgumentException unknown) {
      text = e.purpose;
    }
    return new AccessRow(
        e.sequence,
        when(e.disclosedAt),
        e.lenderId,
        name(e.lenderId, g),
        contact(g),
        e.purpose,
        text,
        e.consentId == null ? null : e.consentId.toString(),
        e.outcome,
        e.score == null ? "—" : e.score.toString(),
        e.modelId == null ? "" : e.modelId + " " + e.modelVersion);
  }

  static List<GranteeOption> granteeOptions(List<Grantee> grantees) {
    return grantees.stream()
        .map(
            g ->
                new GranteeOption(
                    g.clientId,
                    g.displayName()
                        + (g.kind == Grantee.Kind.LENDER ? " (lender)" : " (data furnisher)")))
        .toList();
  }

  /** The name a person knows the grantee by, or its client id when no operator registered it. */
  static String name(String clientId, Grantee g) {
    return g == null ? clientId : g.displayName();
  }

  /** Address and telephone number (FCRA §609(a)(3)(B)), or why there are none. */
  static String contact(Grantee g) {
    if (g == null) {
      return "not registered with Credence";
    }
    String legal = g.tradeName == null ? "" : g.legalName + ", ";
    return legal + g.address + ", tel. " + g.phone;
  }

  static List<PurposeOption> purposes(String selected) {
    return Arrays.stream(Purpose.values())
        .map(
            p ->
                new PurposeOption(
                    p.name(), p.direction().name(), p.text(), p.name().equals(selected)))
        .toList();
  }

  static String usage(Integer limit, long disclosures) {
    String used = disclosures == 1 ? "1 disclosure" : disclosures + " disclosures";
    return limit == null ? used + " so far, no limit" : used + " of at most " + limit;
  }

  static String when(Instant instant) {
    return instant == null ? "" : WHEN.format(instant);
  }

  static String day(Instant instant) {
    return instant == null ? "" : DAY.format(instant);
  }
}

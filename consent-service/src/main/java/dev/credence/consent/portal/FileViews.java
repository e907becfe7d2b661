package dev.credence.consent.portal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.credence.common.events.DisputeStatus;
import dev.credence.consent.model.Dispute;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What the portal's "My file" page shows, built from the documents the other services answer for
 * the person (ingestion's {@code GET /v1/me/records}, scoring's {@code GET /v1/me/score}) and the
 * person's disputes. Pure: JSON in, display-ready rows out (plain JUnit tests).
 */
public final class FileViews {
  /** How many of a record's data fields the table shows (the data export has them all). */
  static final int SUMMARY_FIELDS = 6;

  private FileViews() {}

  /** One record held about the person; {@code disputable} when a dispute can be opened on it. */
  public record RecordRow(
      String recordId,
      String category,
      String furnisherId,
      String reportedOn,
      String status,
      String disputeStatus,
      String summary,
      boolean disputable) {}

  /** One of the person's disputes. */
  public record DisputeRow(
      String id,
      String recordId,
      String recordShort,
      String furnisherId,
      String reason,
      String status,
      String statusText,
      String openedAt,
      String changedAt) {}

  /** A key factor: what cost the most points, in the model's words. */
  public record FactorRow(String code, String text, int pointsLost) {}

  /**
   * One what-if change; {@code hardInquiriesAdded} is how many credit applications it takes (an
   * account opened is applied for), already counted in {@code pointsGained}; {@code accountsClosed}
   * how many accounts it closes (only ones whose closing changes nothing else in the score); {@code
   * reachedOn} when a change only time makes happens by itself (null when not by waiting alone).
   */
  public record ChangeRow(
      String text,
      String how,
      int pointsGained,
      int hardInquiriesAdded,
      int accountsClosed,
      String reachedOn) {}

  /**
   * The person's own score as scoring-service explains it, or why it cannot be shown. {@code
   * scored} false with {@code noScoreText} is a valid answer (not enough history).
   */
  public record ScoreCard(
      boolean available,
      String unavailableReason,
      boolean scored,
      Integer score,
      String band,
      Integer scaleMin,
      Integer scaleMax,
      String noScoreText,
      List<FactorRow> keyFactors,
      boolean planShown,
      boolean planReachable,
      int planTarget,
      Integer planProjected,
      List<ChangeRow> plan,
      List<ChangeRow> waiting,
      String model,
      String dataAsOf) {
    static ScoreCard unavailable(String reason) {
      return new ScoreCard(
          false, reason, false, null, null, null, null, null, List.of(), false, false, 0, null,
          List.of(), List.of(), null, null);
    }
  }

  /**
   * The records, in the order ingestion lists them. A record is disputable when it is ACTIVE (it
   * can count in a score) and has no open dispute, neither as ingestion knows it nor among the
   * person's disputes here (one opened a moment ago may not have reached ingestion yet).
   */
  static List<RecordRow> records(JsonNode records, Collection<Dispute> disputes) {
    Set<String> openHere =
        disputes.stream()
            .filter(d -> d.status == DisputeStatus.OPEN)
            .flatMap(d -> java.util.stream.Stream.of(d.recordId, d.currentRecord()))
            .map(UUID::toString)
            .collect(Collectors.toSet());
    List<RecordRow> rows = new ArrayList<>();
    if (records == null || !records.isArray()) {
      return rows;
    }
    for (JsonNode r : records) {
      String id = text(r, "recordId");
      String status = text(r, "status");
      String disputeStatus = text(r, "disputeStatus");
      boolean open = "OPEN".equals(disputeStatus) || (id != null && openHere.contains(id));
      rows.add(
          new RecordRow(
              id,
              text(r, "category"),
              text(r, "furnisherId"),
              text(r, "reportedOn"),
              status,
              open ? "OPEN" : disputeStatus,
              summary(r.get("data")),
              id != null && "ACTIVE".equals(status) && !open));
    }
    return rows;
  }

  /** The first fields of a record's data as "name: value", joined (nested values as JSON). */
  static String summary(JsonNode data) {
    if (data == null || !data.isObject() || data.isEmpty()) {
      return "—";
    }
    List<String> parts = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> fields = data.fields();
    while (fields.hasNext() && parts.size() < SUMMARY_FIELDS) {
      Map.Entry<String, JsonNode> f = fields.next();
      JsonNode v = f.getValue();
      parts.add(f.getKey() + ": " + (v.isValueNode() ? v.asText() : v.toString()));
    }
    if (data.size() > SUMMARY_FIELDS) {
      parts.add("…");
    }
    return String.join(" · ", parts);
  }

  static List<DisputeRow> disputes(List<Dispute> disputes) {
    return disputes.stream()
        .map(
            d ->
                new DisputeRow(
                    d.id.toString(),
                    d.recordId.toString(),
                    d.recordId.toString().substring(0, 8),
                    d.furnisherId == null ? "—" : d.furnisherId,
                    d.reason,
                    d.status.name(),
                    statusText(d.status),
                    PortalViews.when(d.openedAt),
                    PortalViews.when(d.statusChangedAt)))
        .toList();
  }

  /** What a dispute's status means for the person. */
  static String statusText(DisputeStatus status) {
    return switch (status) {
      case OPEN ->
          "The furnisher has to verify the record within 30 days. Until then it is marked"
              + " disputed and still counts.";
      case VERIFIED -> "The furnisher verified the record as reported. It keeps counting.";
      case CORRECTED -> "The furnisher sent a corrected version, which replaces it.";
      case DELETED -> "The furnisher deleted the record. It no longer counts.";
      case SUPPRESSED ->
          "The furnisher did not verify it within 30 days, so it was suppressed and no longer"
              + " counts.";
      case REJECTED ->
          "There was no active record of yours to reinvestigate (it was already replaced or"
              + " withdrawn).";
    };
  }

  /** The person's score section from scoring-service's answer (or its absence). */
  static ScoreCard score(boolean available, JsonNode s, String reason) {
    if (!available || s == null || !s.isObject()) {
      return ScoreCard.unavailable(reason == null ? "no answer" : reason);
    }
    boolean scored = "SCORED".equals(text(s, "outcome"));
    List<FactorRow> factors = new ArrayList<>();
    for (JsonNode f : iterable(s.get("keyFactors"))) {
      factors.add(new FactorRow(text(f, "code"), text(f, "text"), f.path("pointsLost").asInt()));
    }
    JsonNode plan = s.hasNonNull("whatIfNow") ? s.get("whatIfNow") : s.get("whatIf");
    List<ChangeRow> changes = new ArrayList<>();
    boolean planShown = scored && plan != null && plan.isObject();
    if (planShown) {
      for (JsonNode c : iterable(plan.get("changes"))) {
        changes.add(
            new ChangeRow(
                change(c),
                text(c, "howToChange"),
                c.path("pointsGained").asInt(),
                c.path("hardInquiriesAdded").asInt(0),
                c.path("accountsClosed").asInt(0),
                text(c, "reachedOn")));
      }
    }
    // what time alone does: the full plan's changes only time makes, each with its date
    List<ChangeRow> waiting = new ArrayList<>();
    JsonNode full = s.get("whatIf");
    if (scored && full != null && full.isObject()) {
      for (JsonNode c : iterable(full.get("changes"))) {
        if ("TIME".equals(text(c, "lever")) && text(c, "reachedOn") != null) {
          waiting.add(
              new ChangeRow(
                  change(c),
                  text(c, "howToChange"),
                  c.path("pointsGained").asInt(),
                  0,
                  0,
                  text(c, "reachedOn")));
        }
      }
    }
    JsonNode model = s.path("model");
    return new ScoreCard(
        true,
        null,
        scored,
        scored ? s.path("score").asInt() : null,
        text(s, "band"),
        s.hasNonNull("scaleMin") ? s.get("scaleMin").asInt() : null,
        s.hasNonNull("scaleMax") ? s.get("scaleMax").asInt() : null,
        text(s, "noScoreText"),
        factors,
        planShown && !changes.isEmpty(),
        planShown && plan.path("reachable").asBoolean(),
        planShown ? plan.path("targetPoints").asInt() : 0,
        planShown && plan.hasNonNull("projectedScore") ? plan.get("projectedScore").asInt() : null,
        changes,
        waiting,
        model.isObject() ? text(model, "id") + " v" + text(model, "version") : null,
        text(s, "dataAsOf"));
  }

  /**
   * "Revolving utilisation (%) from 85 to below 30" from one what-if change: the feature's neutral
   * label (the reason text, "Too few open accounts", says which way it costs points and does not
   * read as the name of a value); the reason text or the feature name from a scoring-service that
   * sends no label.
   */
  private static String change(JsonNode c) {
    String what =
        c.hasNonNull("label")
            ? text(c, "label")
            : c.hasNonNull("reasonText") ? text(c, "reasonText") : text(c, "feature");
    JsonNode from = c.get("from");
    String fromText = from == null || from.isNull() ? "" : " from " + from.asText();
    String to = text(c, "target");
    return what + fromText + (to == null ? "" : " to " + to);
  }

  private static Iterable<JsonNode> iterable(JsonNode array) {
    return array != null && array.isArray() ? array : List.of();
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** Parses a record id from a form; null when it is not one. */
  static UUID recordId(String value) {
    try {
      return value == null ? null : UUID.fromString(value.strip());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}

package dev.credence.common.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The catalogue of event types. Adding a field is compatible; removing or renaming bumps the
 * version.
 */
public final class Events {
  public static final EventType<SubjectRegistered> SUBJECT_REGISTERED =
      new EventType<>("subject.registered", 1, SubjectRegistered.class);
  public static final EventType<ConsentChanged> CONSENT_CHANGED =
      new EventType<>("consent.changed", 1, ConsentChanged.class);
  public static final EventType<RecordAccepted> RECORD_ACCEPTED =
      new EventType<>("record.accepted", 1, RecordAccepted.class);
  public static final EventType<DisclosureRecorded> DISCLOSURE_RECORDED =
      new EventType<>("disclosure.recorded", 1, DisclosureRecorded.class);
  public static final EventType<RecordWithdrawn> RECORD_WITHDRAWN =
      new EventType<>("record.withdrawn", 1, RecordWithdrawn.class);
  public static final EventType<DisputeOpened> DISPUTE_OPENED =
      new EventType<>("dispute.opened", 1, DisputeOpened.class);
  public static final EventType<DisputeUpdated> DISPUTE_UPDATED =
      new EventType<>("dispute.updated", 1, DisputeUpdated.class);
  public static final EventType<SubjectErasureRequested> SUBJECT_ERASURE_REQUESTED =
      new EventType<>("subject.erasure-requested", 1, SubjectErasureRequested.class);
  public static final EventType<OfficerLinkChanged> OFFICER_LINK_CHANGED =
      new EventType<>("organisation.officer-link-changed", 1, OfficerLinkChanged.class);

  /**
   * Not a change of anything: a freshness marker on every partition of the consent topic ({@link
   * ConsentHeartbeat}). Consumers that do not track freshness ignore it.
   */
  public static final EventType<ConsentHeartbeat> CONSENT_HEARTBEAT =
      new EventType<>("consent.heartbeat", 1, ConsentHeartbeat.class);

  private static final Map<String, EventType<?>> BY_NAME =
      List.of(
              SUBJECT_REGISTERED,
              CONSENT_CHANGED,
              RECORD_ACCEPTED,
              DISCLOSURE_RECORDED,
              RECORD_WITHDRAWN,
              DISPUTE_OPENED,
              DISPUTE_UPDATED,
              SUBJECT_ERASURE_REQUESTED,
              OFFICER_LINK_CHANGED,
              CONSENT_HEARTBEAT)
          .stream()
          .collect(Collectors.toUnmodifiableMap(EventType::name, Function.identity()));

  private Events() {}

  public static Optional<EventType<?>> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }
}

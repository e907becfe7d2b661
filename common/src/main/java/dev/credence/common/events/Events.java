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

  private static final Map<String, EventType<?>> BY_NAME =
      List.of(SUBJECT_REGISTERED, CONSENT_CHANGED, RECORD_ACCEPTED, DISCLOSURE_RECORDED).stream()
          .collect(Collectors.toUnmodifiableMap(EventType::name, Function.identity()));

  private Events() {}

  public static Optional<EventType<?>> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }
}

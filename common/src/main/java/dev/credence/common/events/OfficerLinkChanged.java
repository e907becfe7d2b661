package dev.credence.common.events;

import java.time.Instant;

/**
 * An operator linked an officer (a person's subject id) to an organisation, or closed the link, in
 * consent-service. The envelope's subject id is the organisation's, so one organisation's changes
 * stay in order. Scoring keeps the current links to let an officer see their organisation's own
 * rating; consent-service checks the same link for everything an officer does there.
 */
public record OfficerLinkChanged(
    String organisationId, String officerSubjectId, boolean linked, Instant changedAt) {}

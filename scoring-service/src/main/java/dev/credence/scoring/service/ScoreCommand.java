package dev.credence.scoring.service;

import dev.credence.common.events.IdentifierType;
import dev.credence.common.events.Purpose;
import java.util.UUID;

/** A lender's request for one subject's score; {@code consentId} is optional. */
public record ScoreCommand(
    IdentifierType identifierType, String identifier, Purpose purpose, UUID consentId) {}

package dev.credence.common.events;

public enum ConsentStatus {
  PENDING,
  ACTIVE,
  REJECTED,
  REVOKED,
  EXPIRED
}

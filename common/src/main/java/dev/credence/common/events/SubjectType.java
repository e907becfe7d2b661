package dev.credence.common.events;

public enum SubjectType {
  PERSON,
  ORGANISATION
}

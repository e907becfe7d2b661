package dev.credence.common.events;

/** Identifiers a lender or furnisher may hold for a subject; never stored or sent in clear. */
public enum IdentifierType {
  NATIONAL_ID,
  TAX_NUMBER,
  COMPANY_REGISTRATION,
  LEI
}

package dev.credence.ingestion.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.credence.common.events.DataCategory;
import java.util.Set;

/**
 * Metro 2 account statuses that ask to delete the account rather than report it: {@code DA} (delete
 * entire account) and {@code DF} (delete entire account due to confirmed fraud). Such a tradeline
 * is an instruction, never a live account: it withdraws the held version and is not stored itself.
 */
public final class AccountDeletion {
  /** The {@code accountStatus} codes that delete the account. */
  public static final Set<String> STATUSES = Set.of("DA", "DF");

  private AccountDeletion() {}

  /** Whether this record's data asks to delete the account. */
  public static boolean requested(DataCategory category, JsonNode data) {
    if (category != DataCategory.TRADELINE || data == null) {
      return false;
    }
    JsonNode status = data.get("accountStatus");
    return status != null && status.isTextual() && STATUSES.contains(status.textValue());
  }
}

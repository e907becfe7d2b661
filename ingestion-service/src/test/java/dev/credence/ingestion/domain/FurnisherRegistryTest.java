package dev.credence.ingestion.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.credence.common.events.DataCategory;
import org.junit.jupiter.api.Test;

class FurnisherRegistryTest {
  @Test
  void letsAFurnisherReportOnlyTheCategoriesItIsRegisteredFor() {
    FurnisherRegistry registry =
        FurnisherRegistry.parse("demo-furnisher:TRADELINE, payment ; utility-co:ALT_PAYMENT");

    assertTrue(registry.mayReport("demo-furnisher", DataCategory.TRADELINE));
    assertTrue(registry.mayReport("demo-furnisher", DataCategory.PAYMENT));
    assertFalse(registry.mayReport("demo-furnisher", DataCategory.ALT_PAYMENT));
    assertTrue(registry.mayReport("utility-co", DataCategory.ALT_PAYMENT));
    assertFalse(registry.mayReport("utility-co", DataCategory.TRADELINE));
  }

  @Test
  void letsAnUnlistedFurnisherReportNothing() {
    assertFalse(FurnisherRegistry.parse("").mayReport("anyone", DataCategory.TRADELINE));
  }

  @Test
  void failsFastOnAnUnknownCategory() {
    assertThrows(
        IllegalArgumentException.class, () -> FurnisherRegistry.parse("x:TRADELINE,CAR_LOANS"));
  }
}

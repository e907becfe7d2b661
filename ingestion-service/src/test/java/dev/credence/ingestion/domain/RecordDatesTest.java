package dev.credence.ingestion.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.common.events.DataCategory;
import dev.credence.ingestion.support.Samples;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordDatesTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 30);

  @Test
  void refusesAReportedOnLaterThanTomorrow() {
    ObjectNode data = Samples.data(DataCategory.TRADELINE);
    data.put("reportedOn", "2099-01-01");

    assertEquals(List.of("/reportedOn"), RecordDates.inTheFuture(data, TODAY, Optional.empty()));
  }

  @Test
  void allowsOneDayOfClockSkew() {
    ObjectNode data = Samples.data(DataCategory.TRADELINE);
    data.put("reportedOn", "2026-12-01");
    assertEquals(List.of(), RecordDates.inTheFuture(data, TODAY, Optional.empty()));

    data.put("reportedOn", "2026-12-02");
    assertEquals(List.of("/reportedOn"), RecordDates.inTheFuture(data, TODAY, Optional.empty()));
  }

  @Test
  void namesEveryFutureEventDateOfTheRecord() {
    ObjectNode data = Samples.data(DataCategory.TRADELINE);
    data.put("openedOn", "2030-01-01");
    data.put("dateOfFirstDelinquency", "2031-01-01");

    assertEquals(
        List.of("/dateOfFirstDelinquency", "/openedOn"),
        RecordDates.inTheFuture(data, TODAY, Optional.empty()));
  }

  @Test
  void leavesADueDateAheadAloneUnlessItStartsARetentionClock() {
    ObjectNode data = Samples.data(DataCategory.PAYMENT);
    data.put("dueOn", "2027-01-01");
    data.remove("paidOn");
    assertEquals(List.of(), RecordDates.inTheFuture(data, TODAY, Optional.empty()));

    assertEquals(List.of("/dueOn"), RecordDates.inTheFuture(data, TODAY, Optional.of("dueOn")));
  }
}

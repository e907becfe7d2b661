package dev.credence.scoring.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.common.events.DataCategory;
import dev.credence.common.events.DisputeStatus;
import dev.credence.common.events.EventCodec;
import dev.credence.common.events.EventEnvelope;
import dev.credence.common.events.PoisonEventException;
import dev.credence.common.events.Purpose;
import dev.credence.common.events.WithdrawalReason;
import dev.credence.scoring.TestData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** record.withdrawn, dispute.updated and subject.erasure-requested as the consumers see them. */
@QuarkusTest
class WithdrawalDisputeErasureTest {
  @Inject RecordEventsConsumer records;
  @Inject ConsentEventsConsumer consents;
  @Inject TestData data;

  static String subject() {
    return "sub_" + UUID.randomUUID();
  }

  long rows(String subjectId) {
    return data.count("select count(*) from subject_record where subject_id = ?1", subjectId);
  }

  long rowsWithRecord(UUID recordId) {
    return data.count("select count(*) from subject_record where record_id = ?1", recordId);
  }

  String accept(String subjectId, UUID recordId, String furnisherRecordId, ObjectNode d) {
    String json =
        EventCodec.write(
            TestData.recordEvent(
                subjectId,
                recordId,
                furnisherRecordId,
                DataCategory.TRADELINE,
                d,
                LocalDate.now()));
    records.consume(json);
    return json;
  }

  @Test
  void aWithdrawnRecordLeavesTheProjection() {
    String subjectId = subject();
    UUID recordId = UUID.randomUUID();
    accept(subjectId, recordId, "acct-w1", TestData.goodTradeline());
    accept(subjectId, UUID.randomUUID(), "acct-w2", TestData.goodTradeline());

    records.consume(
        EventCodec.write(
            TestData.withdrawalEvent(subjectId, recordId, WithdrawalReason.DELETED, null)));

    assertEquals(0, rowsWithRecord(recordId));
    assertEquals(1, rows(subjectId), "the other record still counts");
  }

  @Test
  void everyWithdrawalReasonRemovesTheRecord() {
    for (WithdrawalReason reason : WithdrawalReason.values()) {
      String subjectId = subject();
      UUID recordId = UUID.randomUUID();
      accept(subjectId, recordId, "acct-" + reason, TestData.goodTradeline());

      records.consume(
          EventCodec.write(TestData.withdrawalEvent(subjectId, recordId, reason, null)));

      assertEquals(0, rows(subjectId), reason.name());
    }
  }

  @Test
  void aWithdrawalHandledTwiceOrForAnUnknownRecordChangesNothingElse() {
    String subjectId = subject();
    UUID kept = UUID.randomUUID();
    accept(subjectId, kept, "acct-k", TestData.goodTradeline());
    String unknown =
        EventCodec.write(
            TestData.withdrawalEvent(subjectId, UUID.randomUUID(), WithdrawalReason.ERASED, null));

    records.consume(unknown);
    records.consume(unknown);

    assertEquals(1, rowsWithRecord(kept));
  }

  @Test
  void aSupersededRecordsWithdrawalAfterItsReplacementKeepsTheReplacement() {
    String subjectId = subject();
    UUID original = UUID.randomUUID();
    UUID correction = UUID.randomUUID();
    accept(subjectId, original, "acct-s", TestData.goodTradeline().put("currentBalance", 100));
    // the correction arrives first, under the same furnisher record id: it replaces the row
    accept(subjectId, correction, "acct-s", TestData.goodTradeline().put("currentBalance", 700));

    records.consume(
        EventCodec.write(
            TestData.withdrawalEvent(
                subjectId, original, WithdrawalReason.SUPERSEDED, correction)));

    assertEquals(1, rowsWithRecord(correction));
    assertEquals(
        1,
        data.count(
            "select count(*) from subject_record where subject_id = ?1"
                + " and data ->> 'currentBalance' = '700'",
            subjectId));
  }

  @Test
  void aLateReportOfAWithdrawnRecordDoesNotBringItBack() {
    String subjectId = subject();
    UUID recordId = UUID.randomUUID();
    accept(subjectId, recordId, "acct-late", TestData.goodTradeline());
    records.consume(
        EventCodec.write(
            TestData.withdrawalEvent(subjectId, recordId, WithdrawalReason.SUPPRESSED, null)));

    // the same record reported again (a new event id, e.g. replayed by the producer)
    accept(subjectId, recordId, "acct-late", TestData.goodTradeline());

    assertEquals(0, rows(subjectId));
  }

  @Test
  void aWithdrawalWithoutItsRecordIdIsPoison() {
    EventEnvelope valid =
        TestData.withdrawalEvent(subject(), UUID.randomUUID(), WithdrawalReason.DELETED, null);
    ObjectNode payload = valid.payload().deepCopy();
    payload.remove("recordId");
    EventEnvelope broken =
        new EventEnvelope(
            valid.eventId(),
            valid.type(),
            valid.version(),
            valid.subjectId(),
            valid.occurredAt(),
            valid.producer(),
            payload);

    assertThrows(PoisonEventException.class, () -> records.consume(EventCodec.write(broken)));
  }

  @Test
  void aDisputeIsOpenUntilAHigherSequenceClosesItAndALowerOneChangesNothing() {
    String subjectId = subject();
    UUID recordId = UUID.randomUUID();
    UUID disputeId = UUID.randomUUID();
    accept(subjectId, recordId, "acct-d", TestData.goodTradeline());
    String open = "select count(*) from record_dispute where record_id = ?1 and status = 'OPEN'";

    records.consume(
        EventCodec.write(
            TestData.disputeEvent(disputeId, 1, subjectId, recordId, DisputeStatus.OPEN)));
    assertEquals(1, data.count(open, recordId));

    records.consume(
        EventCodec.write(
            TestData.disputeEvent(disputeId, 2, subjectId, recordId, DisputeStatus.VERIFIED)));
    records.consume(
        EventCodec.write(
            TestData.disputeEvent(disputeId, 1, subjectId, recordId, DisputeStatus.OPEN)));

    assertEquals(0, data.count(open, recordId));
    assertEquals(1, rowsWithRecord(recordId), "a verified record keeps counting");
  }

  @Test
  void erasureRemovesTheProjectionsAndIgnoresLaterEventsOfTheSubject() {
    String nationalId = TestData.newNationalId();
    String subjectId = data.enrol(nationalId);
    UUID recordId = UUID.randomUUID();
    accept(subjectId, recordId, "acct-e", TestData.goodTradeline());
    data.grant(subjectId, "demo-lender", Purpose.CREDIT_APPLICATION);
    records.consume(
        EventCodec.write(
            TestData.disputeEvent(UUID.randomUUID(), 1, subjectId, recordId, DisputeStatus.OPEN)));

    String erasure = EventCodec.write(TestData.erasureEvent(subjectId));
    consents.consume(erasure);
    consents.consume(erasure);

    for (String table :
        new String[] {
          "subject_record",
          "record_dispute",
          "consent_view",
          "subject_identifier_view",
          "subject_view"
        }) {
      assertEquals(
          0,
          data.count("select count(*) from " + table + " where subject_id = ?1", subjectId),
          table);
    }
    accept(subjectId, UUID.randomUUID(), "acct-after", TestData.goodTradeline());
    data.grant(subjectId, "demo-lender", Purpose.ACCOUNT_REVIEW);
    assertEquals(0, rows(subjectId), "a record arriving after the erasure is not kept");
    assertEquals(
        0, data.count("select count(*) from consent_view where subject_id = ?1", subjectId));
  }
}

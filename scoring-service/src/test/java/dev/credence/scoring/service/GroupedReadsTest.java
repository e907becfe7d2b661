package dev.credence.scoring.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.common.events.ConsentStatus;
import dev.credence.common.events.DataCategory;
import dev.credence.common.events.DisputeStatus;
import dev.credence.common.events.EventCodec;
import dev.credence.common.events.Purpose;
import dev.credence.scoring.TestData;
import dev.credence.scoring.model.ConsentView;
import dev.credence.scoring.model.SubjectRecord;
import dev.credence.scoring.service.GroupedReads.Pending;
import dev.credence.scoring.service.SubjectFileService.Gathered;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A grouped read gives every request of its batch exactly what the request would have read alone
 * ({@link SubjectFileService#gather}): its own lender's usable consents for its own purpose at its
 * own time, soonest expiry first, and its own subject's file with the dispute flags and the capped
 * hard-inquiry count, whatever else shares the batch.
 */
@QuarkusTest
class GroupedReadsTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Inject TestData data;
  @Inject GroupedReads reads;
  @Inject SubjectFileService files;
  @Inject Pool pool;
  @Inject ProjectionService projections;

  private String person;
  private String thin;
  private String organisation;
  private UUID soonest;
  private UUID later;

  @BeforeEach
  void seed() {
    Instant now = Instant.now();
    person = data.enrol(TestData.newNationalId());
    data.tradeline(person, TestData.goodTradeline());
    data.tradeline(person, TestData.goodTradeline());
    UUID disputed = data.record(person, DataCategory.TRADELINE, TestData.goodTradeline());
    projections.applyRecordEvent(
        TestData.disputeEvent(UUID.randomUUID(), 1, person, disputed, DisputeStatus.OPEN));
    ObjectNode publicRecord = EventCodec.mapper().createObjectNode();
    publicRecord.put("recordType", "BANKRUPTCY");
    data.record(person, DataCategory.PUBLIC_RECORD, publicRecord);
    data.record(person, DataCategory.INCOME, EventCodec.mapper().createObjectNode()); // not read
    // two usable consents for lender-a (the sooner expiry first), and some that are not usable
    later = grant(person, "lender-a", Purpose.CREDIT_APPLICATION, now, 365, ConsentStatus.ACTIVE);
    soonest = grant(person, "lender-a", Purpose.CREDIT_APPLICATION, now, 30, ConsentStatus.ACTIVE);
    grant(person, "lender-a", Purpose.ACCOUNT_REVIEW, now, 365, ConsentStatus.REVOKED);
    grant(person, "lender-b", Purpose.ACCOUNT_REVIEW, now, 365, ConsentStatus.ACTIVE);
    data.consent(
        UUID.randomUUID(),
        1,
        person,
        "lender-a",
        Purpose.CREDIT_APPLICATION,
        ConsentStatus.ACTIVE,
        now.plus(10, ChronoUnit.DAYS), // not yet started
        now.plus(400, ChronoUnit.DAYS),
        null,
        List.of(DataCategory.TRADELINE));
    hardInquiries(person, 3, "1 day");
    hardInquiries(person, 2, "400 days"); // outside the window
    thin = data.enrol(TestData.newNationalId());
    grant(thin, "lender-a", Purpose.CREDIT_APPLICATION, now, 365, ConsentStatus.ACTIVE);
    organisation = data.registerOrganisation("LEI" + UUID.randomUUID().toString().substring(0, 17));
    data.record(organisation, DataCategory.TAX_COMPLIANCE, EventCodec.mapper().createObjectNode());
    data.record(organisation, DataCategory.COURT_JUDGMENT, EventCodec.mapper().createObjectNode());
    grant(organisation, "lender-a", Purpose.CREDIT_APPLICATION, now, 365, ConsentStatus.ACTIVE);
  }

  @Test
  void everyRequestOfABatchGetsWhatItWouldHaveReadAlone() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    List<Pending> batch =
        List.of(
            pending(person, "lender-a", "CREDIT_APPLICATION", false, now),
            pending(person, "lender-a", "ACCOUNT_REVIEW", false, now),
            pending(person, "lender-b", "ACCOUNT_REVIEW", false, now),
            pending(thin, "lender-a", "CREDIT_APPLICATION", false, now),
            pending(organisation, "lender-a", "CREDIT_APPLICATION", true, now),
            pending(person, "lender-a", "CREDIT_APPLICATION", false, now.plus(20, ChronoUnit.DAYS)),
            pending(
                "sub_nobody_" + UUID.randomUUID(), "lender-a", "CREDIT_APPLICATION", false, now),
            pending(person, "lender-a", "CREDIT_APPLICATION", false, now));

    List<Gathered> grouped = reads.read(batch).await().atMost(WAIT);

    assertEquals(batch.size(), grouped.size());
    for (int i = 0; i < batch.size(); i++) {
      Pending p = batch.get(i);
      Gathered alone =
          files
              .gather(pool, p.subjectId(), p.lenderId(), p.purpose(), p.organisation(), p.now())
              .await()
              .atMost(WAIT);
      assertSame(alone, grouped.get(i), "request " + i);
    }
    // and what they hold is what was seeded, so the comparison above is not between two empties
    Gathered first = grouped.get(0);
    assertEquals(List.of(soonest, later), ids(first.consents()));
    assertEquals(4, first.rows().records().size()); // three tradelines and the public record
    assertEquals(1, first.rows().records().stream().filter(SubjectRecord.Row::disputed).count());
    assertEquals(3, first.rows().hardInquiries());
    assertEquals(List.of(), ids(grouped.get(1).consents())); // revoked
    assertEquals(1, grouped.get(2).consents().size());
    assertEquals(0, grouped.get(3).rows().records().size());
    assertEquals(2, grouped.get(4).rows().records().size());
    assertEquals(0, grouped.get(4).rows().hardInquiries());
    // 20 days on: the 30-day consent still runs, the not-yet-started one has begun
    assertEquals(3, grouped.get(5).consents().size());
    assertTrue(grouped.get(6).consents().isEmpty() && grouped.get(6).rows().records().isEmpty());
  }

  @Test
  void concurrentRequestsEachGetTheirOwnAnswer() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    List<Pending> requests = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      requests.add(
          switch (i % 4) {
            case 0 -> pending(person, "lender-a", "CREDIT_APPLICATION", false, now);
            case 1 -> pending(person, "lender-b", "ACCOUNT_REVIEW", false, now);
            case 2 -> pending(thin, "lender-a", "CREDIT_APPLICATION", false, now);
            default -> pending(organisation, "lender-a", "CREDIT_APPLICATION", true, now);
          });
    }
    List<CompletableFuture<Gathered>> answers = new ArrayList<>();
    for (Pending p : requests) {
      answers.add(
          reads
              .gather(p.subjectId(), p.lenderId(), p.purpose(), p.organisation(), p.now())
              .subscribeAsCompletionStage());
    }
    for (int i = 0; i < requests.size(); i++) {
      Pending p = requests.get(i);
      Gathered alone =
          files
              .gather(pool, p.subjectId(), p.lenderId(), p.purpose(), p.organisation(), p.now())
              .await()
              .atMost(WAIT);
      assertSame(
          alone, Uni.createFrom().completionStage(answers.get(i)).await().atMost(WAIT), "" + i);
    }
    assertEquals(
        4, answers.get(0).join().rows().records().size(), "the person's file, not another's");
  }

  private static Pending pending(
      String subject, String lender, String purpose, boolean organisation, Instant now) {
    return new Pending(subject, lender, purpose, organisation, now, new CompletableFuture<>());
  }

  private UUID grant(
      String subject, String lender, Purpose purpose, Instant now, int days, ConsentStatus status) {
    return data.consent(
        UUID.randomUUID(),
        1,
        subject,
        lender,
        purpose,
        status,
        now.minus(1, ChronoUnit.DAYS),
        now.plus(days, ChronoUnit.DAYS),
        null,
        List.of(DataCategory.TRADELINE, DataCategory.PUBLIC_RECORD));
  }

  private void hardInquiries(String subject, int n, String ago) {
    data.execute(
        "insert into disclosure (id, lender_id, subject_id, purpose, consent_id, outcome, score,"
            + " reason_codes, scale_min, scale_max, model_id, model_version, snapshot_hash,"
            + " features, computed_at)"
            + " select gen_random_uuid(), 'inquiring-lender', ?1, 'CREDIT_APPLICATION',"
            + " gen_random_uuid(), 'NO_SCORE', null, '[]', 300, 850, 'm', '1', 'h', '{}',"
            + " now() - cast(?2 as interval) from generate_series(1, ?3)",
        subject,
        ago,
        n);
    data.execute(
        "insert into inquiry (id, subject_id, lender_id, purpose, kind, disclosure_id,"
            + " inquired_at) select gen_random_uuid(), subject_id, lender_id, purpose, 'HARD', id,"
            + " computed_at from disclosure where subject_id = ?1 and lender_id = 'inquiring-lender'"
            + " and not exists (select 1 from inquiry i where i.disclosure_id = disclosure.id)",
        subject);
  }

  private static List<UUID> ids(List<ConsentView> consents) {
    return consents.stream().map(c -> c.consentId).toList();
  }

  /** Same consents (in order, field for field) and the same file (records in any order). */
  private static void assertSame(Gathered expected, Gathered actual, String what) {
    assertEquals(describe(expected.consents()), describe(actual.consents()), what + ": consents");
    Comparator<SubjectRecord.Row> byId = Comparator.comparing(r -> r.recordId().toString());
    assertEquals(
        expected.rows().records().stream().sorted(byId).toList(),
        actual.rows().records().stream().sorted(byId).toList(),
        what + ": records");
    assertEquals(
        expected.rows().hardInquiries(), actual.rows().hardInquiries(), what + ": inquiries");
  }

  private static List<String> describe(List<ConsentView> consents) {
    return consents.stream()
        .map(
            c ->
                String.join(
                    "|",
                    String.valueOf(c.consentId),
                    String.valueOf(c.sequence),
                    c.subjectId,
                    c.granteeId,
                    c.purpose,
                    String.valueOf(c.categories == null ? null : List.of(c.categories)),
                    String.valueOf(c.startsAt),
                    String.valueOf(c.expiresAt),
                    String.valueOf(c.usageLimit),
                    String.valueOf(c.changedAt)))
        .toList();
  }
}

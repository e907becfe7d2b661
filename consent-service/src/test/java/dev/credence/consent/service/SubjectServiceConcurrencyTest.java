package dev.credence.consent.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.credence.common.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two enrolments at the same moment: the subject row and the national id are claimed with {@code
 * insert … on conflict do nothing}, so the loser of either race gets the right answer (200, or 409
 * {@code identifier-conflict}), not a primary-key violation (a 500 before).
 */
@QuarkusTest
class SubjectServiceConcurrencyTest {
  static final int ROUNDS = 10;

  @Inject SubjectService subjects;
  @Inject EntityManager em;

  ExecutorService pool;

  @BeforeEach
  void start() {
    pool = Executors.newFixedThreadPool(2);
  }

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  /** What each of two threads got when both called at once: an enrolment or the exception. */
  private List<Object> race(IntFunction<SubjectService.Enrolment> call) throws Exception {
    CyclicBarrier together = new CyclicBarrier(2);
    List<Future<Object>> futures = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      int thread = i;
      futures.add(
          pool.submit(
              () -> {
                together.await(10, TimeUnit.SECONDS);
                try {
                  return call.apply(thread);
                } catch (RuntimeException e) {
                  return e;
                }
              }));
    }
    List<Object> outcomes = new ArrayList<>();
    for (Future<Object> f : futures) {
      outcomes.add(f.get(30, TimeUnit.SECONDS));
    }
    return outcomes;
  }

  private long count(String sql, Object param) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((Number) em.createNativeQuery(sql).setParameter(1, param).getSingleResult())
                    .longValue());
  }

  @Test
  void twoSimultaneousEnrolmentsOfANewSubjectCreateItOnceAndBothSucceed() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      String subjectId = UUID.randomUUID().toString();
      String nationalId = "RACE-" + UUID.randomUUID();
      List<Object> outcomes =
          race(thread -> subjects.enrolPerson(subjectId, "race-sub", nationalId));
      int created = 0;
      for (Object o : outcomes) {
        SubjectService.Enrolment e = assertInstanceOf(SubjectService.Enrolment.class, o);
        assertEquals(1, e.identifiers().size());
        created += e.created() ? 1 : 0;
      }
      assertEquals(1, created, "one 201, one 200 (round " + round + ")");
      assertEquals(1, count("select count(*) from subject where id = ?1", subjectId));
      assertEquals(
          1, count("select count(*) from subject_identifier where subject_id = ?1", subjectId));
    }
  }

  @Test
  void twoNewSubjectsClaimingTheSameNationalIdAtOnceGetOneEnrolmentAndOneConflict()
      throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      String[] ids = {UUID.randomUUID().toString(), UUID.randomUUID().toString()};
      String nationalId = "CLAIM-" + UUID.randomUUID();
      List<Object> outcomes =
          race(thread -> subjects.enrolPerson(ids[thread], "claim-sub", nationalId));
      int enrolled = 0;
      int conflicts = 0;
      for (int i = 0; i < 2; i++) {
        Object o = outcomes.get(i);
        if (o instanceof SubjectService.Enrolment) {
          enrolled++;
        } else {
          ProblemException e = assertInstanceOf(ProblemException.class, o, String.valueOf(o));
          assertSame(ConsentProblems.IDENTIFIER_CONFLICT, e.type());
          conflicts++;
          // the loser's enrolment is rolled back as a whole
          assertEquals(0, count("select count(*) from subject where id = ?1", ids[i]));
        }
      }
      assertEquals(1, enrolled, "round " + round);
      assertEquals(1, conflicts, "round " + round);
    }
  }
}

package dev.credence.scoring.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.credence.scoring.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Replicas starting together on a fresh database (the Kubernetes overlay runs at least two): each
 * finds no champion and seeds the configured models. Exactly one may register them; the others must
 * wait for it and then follow, not fail their start on a duplicate key.
 */
@QuarkusTest
@TestProfile(ModelRegistrySeedingTest.Isolated.class)
class ModelRegistrySeedingTest {
  /** Its own app instance: the registry is emptied here. */
  public static class Isolated implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("credence.scoring.batch-limit", "98");
    }
  }

  static final int REPLICAS = 4;

  @Inject ModelRegistryService registry;
  @Inject TestData data;

  @Test
  void startsRacingOnAnEmptyRegistrySeedEachChampionOnce() throws Exception {
    for (int round = 0; round < 5; round++) {
      data.execute("delete from model_status_history");
      data.execute("delete from model_registry");
      CyclicBarrier together = new CyclicBarrier(REPLICAS);
      ExecutorService starts = Executors.newFixedThreadPool(REPLICAS);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < REPLICAS; i++) {
          done.add(
              starts.submit(
                  () -> {
                    together.await(10, TimeUnit.SECONDS);
                    registry.onStart(null); // what each replica does at its start
                    return null;
                  }));
        }
        for (Future<?> f : done) {
          f.get(30, TimeUnit.SECONDS); // a start that failed throws here
        }
      } finally {
        starts.shutdownNow();
      }
      assertEquals(
          2, data.count("select count(*) from model_registry"), "one row per configured model");
      assertEquals(
          1,
          data.count(
              "select count(*) from model_registry where model_key = 'person-synthetic-v2'"
                  + " and status = 'CHAMPION'"));
      assertEquals(
          1,
          data.count(
              "select count(*) from model_registry where model_key = 'organisation-rating-v3'"
                  + " and status = 'CHAMPION'"));
      assertEquals(
          4,
          data.count("select count(*) from model_status_history"),
          "DRAFT and CHAMPION once for each model");
    }
  }
}

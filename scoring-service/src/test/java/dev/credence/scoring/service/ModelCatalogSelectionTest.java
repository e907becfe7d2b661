package dev.credence.scoring.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.credence.scoring.config.ScoringConfig;
import dev.credence.scoring.domain.InvalidScorecardException;
import java.lang.reflect.Proxy;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every shipped person model is selectable by {@code credence.scoring.person-model} through the
 * catalogue's own loading (file by key, validation, key check), with its shipped validation report
 * where it has one; the default is person-synthetic-v2, and v1 stays selectable beside it.
 */
class ModelCatalogSelectionTest {

  /** A configuration naming {@code personModel}, no model directory. */
  static ScoringConfig config(String personModel) {
    return (ScoringConfig)
        Proxy.newProxyInstance(
            ScoringConfig.class.getClassLoader(),
            new Class<?>[] {ScoringConfig.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "personModel" -> personModel;
                  case "modelDirectory" -> Optional.empty();
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  static ModelCatalog catalog(String personModel) {
    ModelCatalog catalog = new ModelCatalog();
    catalog.config = config(personModel);
    catalog.load();
    return catalog;
  }

  @Test
  void eachShippedPersonModelIsSelectable() {
    for (String key :
        new String[] {"person-synthetic-v2", "person-synthetic-v1", "person-starter-v1"}) {
      ModelCatalog catalog = catalog(key);
      assertEquals(key, catalog.personModel().key());
      assertEquals(key, catalog.configuredPersonModel().key());
      assertEquals("PERSON", catalog.personModel().subjectType());
    }
  }

  @Test
  void bothSyntheticVersionsShipTheirOwnReport() {
    for (String key : new String[] {"person-synthetic-v2", "person-synthetic-v1"}) {
      assertEquals(key, catalog(key).shippedReport(key).orElseThrow().path("model").asText());
    }
    assertTrue(catalog("person-starter-v1").shippedReport("person-starter-v1").isEmpty());
  }

  @Test
  void theTwoSyntheticVersionsDifferInTheirReasonTextsOnly() {
    var v1 = catalog("person-synthetic-v1").personModel();
    var v2 = catalog("person-synthetic-v2").personModel();
    assertEquals("1", v1.version());
    assertEquals("2", v2.version());
    assertEquals(v1.minimumTotal(), v2.minimumTotal());
    assertEquals(v1.maximumTotal(), v2.maximumTotal());
    assertEquals(
        v1.features().stream().map(f -> f.name() + f.bins() + f.missingPoints()).toList(),
        v2.features().stream().map(f -> f.name() + f.bins() + f.missingPoints()).toList());
  }

  @Test
  void aVersionThatDoesNotShipIsRefused() {
    InvalidScorecardException e =
        assertThrows(InvalidScorecardException.class, () -> catalog("person-synthetic-v3"));
    assertTrue(e.getMessage().contains("no model file person-synthetic-v3.json"), e.getMessage());
  }

  @Test
  void theDefaultPersonModelIsV2() throws Exception {
    var method = ScoringConfig.class.getMethod("personModel");
    assertEquals(
        "person-synthetic-v2",
        method.getAnnotation(io.smallrye.config.WithDefault.class).value(),
        "@WithDefault of credence.scoring.person-model");
    java.util.Properties properties = new java.util.Properties();
    try (var in = getClass().getClassLoader().getResourceAsStream("application.properties")) {
      properties.load(in);
    }
    assertEquals("person-synthetic-v2", properties.getProperty("credence.scoring.person-model"));
  }
}

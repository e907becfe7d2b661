package dev.credence.scoring.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only with a validated person model; reports which person and organisation models rate. */
@Readiness
@ApplicationScoped
public class ModelReadinessCheck implements HealthCheck {
  @Inject ModelCatalog models;
  @Inject OrganisationModelCatalog organisationModels;

  @Override
  public HealthCheckResponse call() {
    var model = models.personModel();
    return HealthCheckResponse.named("scoring-models")
        .status(model != null)
        .withData("person", model == null ? "none" : model.key())
        .withData("organisation", organisationModels.organisationModel().key())
        .build();
  }
}

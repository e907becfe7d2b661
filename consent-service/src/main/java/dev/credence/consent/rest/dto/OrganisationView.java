package dev.credence.consent.rest.dto;

import dev.credence.consent.model.Organisation;
import dev.credence.consent.model.OrganisationOfficer;
import java.time.Instant;
import java.util.List;

/** An organisation with its current officers (their subject ids). */
public record OrganisationView(
    String subjectId,
    String legalName,
    String country,
    String registrationNumber,
    String lei,
    Instant registeredAt,
    List<OfficerView> officers) {

  public record OfficerView(String officerSubjectId, Instant linkedAt, String linkedBy) {
    public static OfficerView of(OrganisationOfficer o) {
      return new OfficerView(o.officerSubjectId, o.linkedAt, o.linkedBy);
    }
  }

  public static OrganisationView of(Organisation o, List<OrganisationOfficer> officers) {
    return new OrganisationView(
        o.subjectId,
        o.legalName,
        o.country,
        o.registrationNumber,
        o.lei,
        o.registeredAt,
        officers.stream().map(OfficerView::of).toList());
  }
}

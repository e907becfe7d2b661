package dev.credence.ingestion.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.credence.common.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/me/records")
@Tag(name = "Subject", description = "What ingestion holds about the calling person")
public class MyRecordsResource {
  @Inject Caller caller;
  @Inject EntityManager em;
  @Inject ObjectMapper mapper;

  /** One record version held about the caller (consent-service's data export keeps this shape). */
  public record MyRecord(
      UUID recordId,
      String furnisherId,
      String furnisherRecordId,
      String category,
      LocalDate reportedOn,
      String status,
      String disputeStatus,
      JsonNode data) {}

  @GET
  @RolesAllowed("individual")
  @Produces(MediaType.APPLICATION_JSON)
  @Transactional
  @Operation(
      summary = "Every record held about me, every version and status",
      description =
          "status: ACTIVE, SUPERSEDED, SUPPRESSED, DELETED, ERASED or AGED_OUT (erased and aged-out"
              + " records are tombstones with empty data); disputeStatus: null or the status of"
              + " the latest dispute.")
  public List<MyRecord> mine() throws JsonProcessingException {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select id, furnisher_id, furnisher_record_id, category, reported_on, status,"
                    + " dispute_status, cast(data as text) from furnished_record"
                    + " where subject_id = ?1 order by received_at, furnisher_record_id, version")
            .setParameter(1, caller.subjectId())
            .getResultList();
    List<MyRecord> records = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      records.add(
          new MyRecord(
              (UUID) row[0],
              (String) row[1],
              (String) row[2],
              (String) row[3],
              row[4] instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) row[4],
              (String) row[5],
              (String) row[6],
              mapper.readTree((String) row[7])));
    }
    return records;
  }
}

package dev.credence.consent.service;

import dev.credence.common.problem.ProblemException;
import dev.credence.consent.client.Downstream;
import dev.credence.consent.model.AccessLogEntry;
import dev.credence.consent.model.Consent;
import dev.credence.consent.model.ConsentHistoryEntry;
import dev.credence.consent.model.ConsentReceipt;
import dev.credence.consent.model.Dispute;
import dev.credence.consent.model.ErasureRequest;
import dev.credence.consent.model.Grantee;
import dev.credence.consent.model.Subject;
import dev.credence.consent.model.SubjectIdentifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything Credence holds about a person as one JSON document (GDPR Art. 15 and 20): what
 * consent-service holds, plus the records from ingestion-service and the score from
 * scoring-service, fetched with the person's own token. A service that cannot answer leaves its
 * section marked unavailable with the reason; the export itself always returns.
 */
@ApplicationScoped
public class ExportService {
  public static final String FORMAT = "credence-export/1";
  public static final String IDENTIFIER_NOTE =
      "held only as a keyed hash (HMAC-SHA256); the clear value is not stored and cannot be"
          + " exported";

  @Inject Downstream downstream;
  @Inject ReceiptService receipts;
  @Inject AccessLogService accessLog;
  @Inject Clock clock;

  /** Plain maps keep the document's order and shape stable (it is the format users download). */
  public Map<String, Object> export(String subjectId) {
    Subject subject = Subject.findById(subjectId);
    if (subject == null) {
      throw new ProblemException(ConsentProblems.NOT_ENROLLED, "The caller has not enrolled");
    }
    Instant now = clock.instant();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("format", FORMAT);
    doc.put("exportedAt", now);
    doc.put("legalBasis", "GDPR Art. 15 (right of access) and Art. 20 (data portability)");
    doc.put("subject", subject(subject));
    doc.put("consents", consents(subjectId, now));
    doc.put(
        "accessLog",
        AccessLogEntry.<AccessLogEntry>list("subjectId = ?1 order by sequence", subjectId).stream()
            .map(ExportService::accessLogEntry)
            .toList());
    doc.put("recipients", recipients(subjectId));
    // the whole log's head, signed: evidence the person keeps that these entries were in it
    AccessLogService.Checkpoint head = accessLog.checkpoint();
    Map<String, Object> checkpoint = new LinkedHashMap<>();
    checkpoint.put("sequence", head.sequence());
    checkpoint.put("entryHash", head.entryHash());
    checkpoint.put("issuedAt", head.issuedAt());
    checkpoint.put("jws", head.jws());
    doc.put("accessLogCheckpoint", checkpoint);
    doc.put("disputes", Dispute.ofSubject(subjectId).stream().map(ExportService::dispute).toList());
    doc.put(
        "erasureRequests",
        ErasureRequest.ofSubject(subjectId).stream().map(ExportService::erasure).toList());
    doc.put("records", section(downstream.records(), "items"));
    doc.put("score", section(downstream.score(), "data"));
    return doc;
  }

  private static Map<String, Object> subject(Subject s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("subjectId", s.id);
    m.put("subjectType", s.subjectType);
    m.put("enrolledAt", s.enrolledAt);
    m.put("erasedAt", s.erasedAt);
    m.put(
        "identifiers",
        SubjectIdentifier.ofSubject(s.id).stream()
            .map(i -> Map.of("type", i.key.type(), "value", IDENTIFIER_NOTE))
            .toList());
    return m;
  }

  private List<Map<String, Object>> consents(String subjectId, Instant now) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Consent c : Consent.<Consent>list("subjectId = ?1 order by createdAt", subjectId)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", c.id);
      m.put("granteeId", c.granteeId);
      m.put("direction", c.direction);
      m.put("purpose", c.purpose);
      m.put("purposeText", c.purpose.text());
      m.put("categories", c.categorySet());
      m.put("status", c.effectiveStatus(now));
      m.put("startsAt", c.startsAt);
      m.put("expiresAt", c.expiresAt);
      m.put("usageLimit", c.usageLimit);
      m.put("createdAt", c.createdAt);
      m.put("requestedBy", c.requestedBy);
      m.put("history", ConsentHistoryEntry.of(c.id).stream().map(ExportService::history).toList());
      m.put("receipts", receipts.ofConsent(c.id).stream().map(ExportService::receipt).toList());
      out.add(m);
    }
    return out;
  }

  private static Map<String, Object> history(ConsentHistoryEntry h) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sequence", h.key.sequence());
    m.put("fromStatus", h.fromStatus);
    m.put("toStatus", h.toStatus);
    m.put("changedAt", h.changedAt);
    m.put("changedBy", h.changedBy);
    m.put("reason", h.reason);
    return m;
  }

  private static Map<String, Object> receipt(ConsentReceipt r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("receiptId", r.id);
    m.put("kind", r.kind);
    m.put("issuedAt", r.issuedAt);
    m.put("jws", r.jws);
    return m;
  }

  private static Map<String, Object> accessLogEntry(AccessLogEntry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sequence", e.sequence);
    m.put("disclosureId", e.disclosureId);
    m.put("lenderId", e.lenderId);
    m.put("purpose", e.purpose);
    m.put("consentId", e.consentId);
    m.put("outcome", e.outcome);
    m.put("score", e.score);
    m.put("modelId", e.modelId);
    m.put("modelVersion", e.modelVersion);
    m.put("snapshotHash", e.snapshotHash);
    m.put("disclosedAt", e.disclosedAt);
    m.put("entryHash", e.entryHash);
    return m;
  }

  /**
   * Every lender and furnisher the person's consents name or that obtained their score, with what
   * its operator registered: name, address, telephone number (GDPR Art. 15(1)(c), the recipients;
   * FCRA §609(a)(3)(B)). A client id no operator registered is listed as such.
   */
  private static List<Map<String, Object>> recipients(String subjectId) {
    java.util.TreeSet<String> ids = new java.util.TreeSet<>();
    Consent.<Consent>list("subjectId", subjectId).forEach(c -> ids.add(c.granteeId));
    AccessLogEntry.getEntityManager()
        .createQuery(
            "select distinct e.lenderId from AccessLogEntry e where e.subjectId = ?1", String.class)
        .setParameter(1, subjectId)
        .getResultList()
        .forEach(ids::add);
    Map<String, Grantee> registered = Grantee.byClientIds(ids);
    List<Map<String, Object>> out = new ArrayList<>();
    for (String id : ids) {
      Grantee g = registered.get(id);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("clientId", id);
      m.put("registered", g != null);
      if (g != null) {
        m.put("kind", g.kind);
        m.put("legalName", g.legalName);
        m.put("tradeName", g.tradeName);
        m.put("address", g.address);
        m.put("phone", g.phone);
        m.put("email", g.email);
        m.put("website", g.website);
      }
      out.add(m);
    }
    return out;
  }

  private static Map<String, Object> dispute(Dispute d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", d.id);
    m.put("recordId", d.recordId);
    m.put("currentRecordId", d.currentRecord());
    m.put("furnisherId", d.furnisherId);
    m.put("reason", d.reason);
    m.put("openedAt", d.openedAt);
    m.put("status", d.status);
    m.put("statusChangedAt", d.statusChangedAt);
    return m;
  }

  private static Map<String, Object> erasure(ErasureRequest r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("requestId", r.id);
    m.put("status", r.status);
    m.put("requestedAt", r.requestedAt);
    m.put("consentsRevoked", r.consentsRevoked);
    m.put("requestsRejected", r.requestsRejected);
    m.put("identifiersErased", r.identifiersErased);
    return m;
  }

  private static Map<String, Object> section(Downstream.Section s, String field) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("available", s.available());
    if (s.available()) {
      m.put(field, s.data());
    } else {
      m.put("reason", s.reason());
    }
    return m;
  }
}

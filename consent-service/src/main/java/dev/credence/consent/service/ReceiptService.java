package dev.credence.consent.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.credence.common.events.ConsentDirection;
import dev.credence.consent.config.ReceiptConfig;
import dev.credence.consent.model.Consent;
import dev.credence.consent.model.ConsentReceipt;
import dev.credence.consent.model.Grantee;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds Kantara consent receipt v1.1 documents (with a {@code credence} extension naming the exact
 * consent state) and stores them signed.
 */
@ApplicationScoped
public class ReceiptService {
  public static final String RECEIPT_VERSION = "KI-CR-v1.1.0";

  @Inject ReceiptSigner signer;
  @Inject ReceiptConfig config;
  @Inject ObjectMapper json;

  @Transactional(Transactional.TxType.MANDATORY)
  public ConsentReceipt issue(Consent consent, ConsentReceipt.Kind kind, Instant now) {
    return issue(consent, kind, now, null);
  }

  /**
   * Issues the receipt; {@code actor} (the subject id of whoever acted: the person, or the officer
   * acting for an organisation) is named in it.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public ConsentReceipt issue(
      Consent consent, ConsentReceipt.Kind kind, Instant now, String actor) {
    UUID receiptId = UUID.randomUUID();
    String payload;
    try {
      payload = json.writeValueAsString(document(receiptId, consent, kind, now, actor));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Receipt could not be serialised", e);
    }
    ConsentReceipt receipt = new ConsentReceipt();
    receipt.id = receiptId;
    receipt.consentId = consent.id;
    receipt.subjectId = consent.subjectId;
    receipt.kind = kind;
    receipt.sequence = consent.sequence;
    receipt.issuedAt = now;
    receipt.jws = signer.sign(payload);
    receipt.persist();
    return receipt;
  }

  public List<ConsentReceipt> ofConsent(UUID consentId) {
    return ConsentReceipt.ofConsent(consentId);
  }

  Map<String, Object> document(
      UUID receiptId, Consent consent, ConsentReceipt.Kind kind, Instant now) {
    return document(receiptId, consent, kind, now, null);
  }

  Map<String, Object> document(
      UUID receiptId, Consent consent, ConsentReceipt.Kind kind, Instant now, String actor) {
    Map<String, Object> purpose = new LinkedHashMap<>();
    purpose.put("purpose", consent.purpose.text());
    purpose.put("purposeCategory", List.of(consent.purpose.name()));
    purpose.put("consentType", "EXPLICIT");
    purpose.put("piiCategory", List.of(consent.categories));
    purpose.put("primaryPurpose", true);
    purpose.put(
        "termination", "Expires " + consent.expiresAt + ", or earlier when the subject revokes it");
    purpose.put("thirdPartyDisclosure", consent.direction == ConsentDirection.DISCLOSE);
    Grantee grantee = Grantee.findById(consent.granteeId);
    purpose.put(
        "thirdPartyName",
        grantee == null ? consent.granteeId : grantee.legalName + " (" + consent.granteeId + ")");

    Map<String, Object> credence = new LinkedHashMap<>();
    credence.put("consentId", consent.id.toString());
    credence.put("event", kind == ConsentReceipt.Kind.GRANT ? "GRANTED" : "REVOKED");
    credence.put("status", consent.status.name());
    credence.put("sequence", consent.sequence);
    credence.put("direction", consent.direction.name());
    if (actor != null) {
      // who acted: the person, or the officer acting for the organisation (piiPrincipalId)
      credence.put("actedBy", actor);
      credence.put("actedOnBehalf", !actor.equals(consent.subjectId));
    }
    credence.put("granteeId", consent.granteeId);
    if (grantee != null) {
      Map<String, Object> g = new LinkedHashMap<>();
      g.put("legalName", grantee.legalName);
      if (grantee.tradeName != null) {
        g.put("tradeName", grantee.tradeName);
      }
      g.put("address", grantee.address);
      g.put("phone", grantee.phone);
      if (grantee.email != null) {
        g.put("email", grantee.email);
      }
      credence.put("grantee", g);
    }
    credence.put("startsAt", consent.startsAt.toString());
    credence.put("expiresAt", consent.expiresAt.toString());
    if (consent.usageLimit != null) {
      credence.put("usageLimit", consent.usageLimit);
    }

    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("version", RECEIPT_VERSION);
    doc.put("jurisdiction", config.jurisdiction());
    doc.put("consentTimestamp", now.getEpochSecond());
    doc.put("collectionMethod", "Credence consent API, authenticated by the data subject");
    doc.put("consentReceiptID", receiptId.toString());
    doc.put("language", "en");
    doc.put("piiPrincipalId", consent.subjectId);
    Map<String, Object> controller = new LinkedHashMap<>();
    controller.put("piiController", config.controllerName());
    controller.put("contact", config.controllerContact());
    config.controllerAddress().ifPresent(a -> controller.put("address", a));
    controller.put("email", config.controllerContact());
    config.controllerPhone().ifPresent(p -> controller.put("phone", p));
    doc.put("piiControllers", List.of(controller));
    doc.put("policyUrl", config.policyUrl());
    doc.put(
        "services",
        List.of(Map.of("service", "Credence credit scoring", "purposes", List.of(purpose))));
    doc.put("sensitive", false);
    doc.put("spiCat", List.of());
    doc.put("credence", credence);
    return doc;
  }
}

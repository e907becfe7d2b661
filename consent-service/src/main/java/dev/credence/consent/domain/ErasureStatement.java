package dev.credence.consent.domain;

import java.util.List;

/**
 * What an erasure request erases and what the law makes Credence keep, and why (GDPR Art. 17(3)(b)
 * and (e): a legal obligation, and the establishment, exercise or defence of legal claims). The
 * same table is documented in docs/consent.md.
 */
public final class ErasureStatement {
  private ErasureStatement() {}

  public record Erased(String what, String where) {}

  public record Kept(String what, String where, String why, String until) {}

  public static final List<Erased> ERASED =
      List.of(
          new Erased(
              "keyed hashes of your identifiers (national id) and your link to your login",
              "consent-service, at once: no lender or furnisher can name you any more"),
          new Erased(
              "every record furnishers reported about you (tradelines, payments, public records,"
                  + " alternative payments, income): each was collected under one of your COLLECT"
                  + " consents. Only a content-free tombstone of each stays (ids, dates, status"
                  + " ERASED), so that a furnisher cannot send the same record again",
              "ingestion-service, on the subject.erasure-requested event"),
          new Erased(
              "your features, score projections and consent projection",
              "scoring-service, on the subject.erasure-requested event"),
          new Erased(
              "every consent in force (revoked, reason ERASURE_REQUESTED) and every pending lender"
                  + " request (rejected)",
              "consent-service, at once: nothing can be collected or disclosed any more"));

  public static final List<Kept> KEPT =
      List.of(
          new Kept(
              "the access log: who obtained your score, when, for which purpose, under which"
                  + " consent",
              "consent-service (hash-chained) and scoring-service (disclosures, inquiries)",
              "FCRA §604 (permissible purpose) and §609(a)(3) (disclosure of recipients) and proof"
                  + " that every disclosure was lawful (GDPR Art. 5(2), Art. 17(3)(b) and (e));"
                  + " the chain cannot lose an entry without breaking",
              "the retention period for disclosure records (2 years, FCRA §609(a)(3)), longer while"
                  + " a claim is pending"),
          new Kept(
              "your consents' history and signed receipts",
              "consent-service",
              "GDPR Art. 7(1): the controller must be able to demonstrate consent for every"
                  + " processing that relied on it",
              "as long as a processing based on them can be challenged"),
          new Kept(
              "your open disputes",
              "consent-service and ingestion-service",
              "FCRA §611: a dispute must be investigated and answered; erasing it would end your"
                  + " own claim",
              "until the dispute is resolved"),
          new Kept(
              "copies of events about you in the message log between the services (Kafka): the"
                  + " records furnishers sent, the keyed hashes of your identifiers, consent"
                  + " changes",
              "the topics credence.records.v1 and credence.consent.v1 (and, for a message a"
                  + " service could not read, credence.dead-letter.v1); your registration on"
                  + " credence.consent-state.v1 is replaced by your erasure and compacted away"
                  + " within about an hour",
              "the log is append-only: single messages cannot be removed from it. No service reads"
                  + " them again once your erasure has been applied, and the services' own outbox"
                  + " copies of them are deleted with the erasure. The log is cut in front of your"
                  + " last event as soon as every service that reads it has read past it: from then"
                  + " no one can read them through Kafka, and the file holding them is deleted from the"
                  + " broker about an hour later",
              "until every service reading the log has read past them, normally seconds after"
                  + " the erasure; at the latest 30 days after they were written (90 days on the"
                  + " dead-letter topic, which is not cut), then deleted by the broker"),
          new Kept(
              "this erasure request",
              "consent-service",
              "GDPR Art. 5(2) and 12: proof that your request was received and acted upon",
              "as long as the access log"));
}

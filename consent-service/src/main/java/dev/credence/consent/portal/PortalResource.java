package dev.credence.consent.portal;

import dev.credence.common.events.ConsentStatus;
import dev.credence.common.events.DataCategory;
import dev.credence.common.events.SubjectType;
import dev.credence.common.problem.ProblemException;
import dev.credence.common.security.Caller;
import dev.credence.consent.client.Downstream;
import dev.credence.consent.domain.ErasureStatement;
import dev.credence.consent.domain.HashChain;
import dev.credence.consent.model.AccessLogEntry;
import dev.credence.consent.model.Consent;
import dev.credence.consent.model.ConsentReceipt;
import dev.credence.consent.model.Dispute;
import dev.credence.consent.model.Subject;
import dev.credence.consent.portal.FileViews.DisputeRow;
import dev.credence.consent.portal.FileViews.RecordRow;
import dev.credence.consent.portal.FileViews.ScoreCard;
import dev.credence.consent.portal.PortalViews.AccessRow;
import dev.credence.consent.portal.PortalViews.CategoryOption;
import dev.credence.consent.portal.PortalViews.ChainStatus;
import dev.credence.consent.portal.PortalViews.ConsentCard;
import dev.credence.consent.portal.PortalViews.HistoryRow;
import dev.credence.consent.portal.PortalViews.PurposeOption;
import dev.credence.consent.portal.PortalViews.ReceiptRow;
import dev.credence.consent.rest.dto.ErasureView;
import dev.credence.consent.rest.validation.PlainTextValidator;
import dev.credence.consent.rest.validation.StatedIdentifierValidator;
import dev.credence.consent.service.AccessLogService;
import dev.credence.consent.service.ConsentProblems;
import dev.credence.consent.service.ConsentService;
import dev.credence.consent.service.DisputeService;
import dev.credence.consent.service.ErasureService;
import dev.credence.consent.service.ExportService;
import dev.credence.consent.service.GranteeService;
import dev.credence.consent.service.SubjectService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The individuals' consent portal: server-rendered pages (Qute) for a person logged in through
 * Keycloak (authorization code + PKCE, the {@code portal} OIDC tenant). Every page calls the same
 * service layer as the {@code /v1} API; forms carry a session-bound CSRF token ({@link PortalCsrf})
 * and work without JavaScript. After a successful form post the browser is sent back with 303 See
 * Other.
 */
@Path("/portal")
@Tag(name = "Portal", description = "HTML pages of the individuals' portal (browser sessions)")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("individual")
public class PortalResource {
  /** Outcomes announced after a redirect ({@code ?done=...}); anything else is ignored. */
  private static final Map<String, String> NOTICES =
      Map.of(
          "enrolled", "You are enrolled. Nothing is collected or disclosed until you consent.",
          "granted", "Consent granted. A signed receipt is available on its page.",
          "approved", "Request approved. The consent is active now.",
          "rejected", "Request rejected. The lender may not see your score under it.",
          "revoked", "Consent revoked. It stopped applying immediately.",
          "disputed",
              "Dispute opened. The furnisher has to verify the record within 30 days; until then"
                  + " it is marked as disputed by you.",
          "erased",
              "Erasure requested. Every consent has ended and your identifiers are erased; the"
                  + " other services erase your data as they receive the request.");

  @Inject ConsentService consents;
  @Inject SubjectService subjects;
  @Inject AccessLogService accessLog;
  @Inject Caller caller;
  @Inject JsonWebToken jwt;
  @Inject PortalCsrf csrf;
  @Inject ExportService exports;
  @Inject Downstream downstream;
  @Inject DisputeService disputes;
  @Inject ErasureService erasure;
  @Inject GranteeService grantees;

  @CheckedTemplate(basePath = "portal")
  static class Templates {
    static native TemplateInstance dashboard(
        String notice,
        List<ConsentCard> pending,
        List<ConsentCard> active,
        List<ConsentCard> history);

    static native TemplateInstance enrol(String nationalIdError);

    static native TemplateInstance grant(
        GrantForm form,
        Map<String, String> errors,
        List<PurposeOption> purposes,
        List<CategoryOption> categories,
        List<PortalViews.GranteeOption> grantees);

    static native TemplateInstance consent(
        ConsentCard consent,
        List<HistoryRow> history,
        List<ReceiptRow> receipts,
        String notice,
        boolean revocable,
        boolean pending);

    static native TemplateInstance accessLog(
        List<AccessRow> entries, ChainStatus chain, Long olderAfter);

    static native TemplateInstance file(
        String notice,
        String error,
        ScoreCard score,
        boolean recordsAvailable,
        String recordsReason,
        List<RecordRow> records,
        List<DisputeRow> disputes);

    static native TemplateInstance erasure(
        String notice,
        String error,
        List<ErasureView> requests,
        List<ErasureStatement.Erased> erased,
        List<ErasureStatement.Kept> kept);

    static native TemplateInstance error(int status, String title, String detail);

    static native TemplateInstance signedOut();
  }

  // ------------------------------------------------------------------ dashboard

  @GET
  @Operation(summary = "Dashboard: my consents by status (HTML)")
  public Response dashboard(@QueryParam("done") String done) {
    String subjectId = caller.subjectId();
    if (subjects.find(subjectId).isEmpty()) {
      return seeOther("/portal/enrol");
    }
    Instant now = consents.now();
    List<Consent> mine =
        consents.listForSubject(subjectId, new ConsentService.Filter(null, null, null));
    Map<UUID, Long> used = accessLog.disclosureCounts(subjectId);
    return page(
        Templates.dashboard(
            notice(done),
            PortalViews.cards(mine, now, used, ConsentStatus.PENDING),
            PortalViews.cards(mine, now, used, ConsentStatus.ACTIVE),
            PortalViews.cards(
                mine,
                now,
                used,
                ConsentStatus.REVOKED,
                ConsentStatus.REJECTED,
                ConsentStatus.EXPIRED)));
  }

  // ------------------------------------------------------------------ enrolment

  @GET
  @Path("/enrol")
  @Operation(summary = "Enrolment page (HTML)")
  public Response enrolPage() {
    if (subjects.find(caller.subjectId()).isPresent()) {
      return seeOther("/portal/");
    }
    return page(Templates.enrol(null));
  }

  @POST
  @Path("/enrol")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(summary = "Enrol (form post); the national id is kept only as a keyed hash")
  public Response enrol(
      @FormParam(PortalCsrf.FIELD) String csrfToken, @FormParam("nationalId") String nationalId) {
    csrf.verify(csrfToken);
    String id = nationalId == null ? "" : nationalId.strip();
    if (!id.isEmpty() && (id.length() < 4 || id.length() > 64)) {
      return page(422, Templates.enrol("must be between 4 and 64 characters, or left empty"));
    }
    if (!StatedIdentifierValidator.isHashable(id) || !PlainTextValidator.isPlain(id)) {
      return page(
          422, Templates.enrol("must contain letters or digits, not only dashes, dots or spaces"));
    }
    try {
      subjects.enrolPerson(caller.subjectId(), jwt.getSubject(), id.isEmpty() ? null : id);
    } catch (ProblemException e) {
      if (e.type() == ConsentProblems.IDENTIFIER_CONFLICT) {
        return page(e.type().status(), Templates.enrol(e.getMessage()));
      }
      throw e;
    }
    return seeOther("/portal/?done=enrolled");
  }

  // ------------------------------------------------------------------ grant

  @GET
  @Path("/grant")
  @Operation(summary = "Grant form (HTML)")
  public Response grantPage() {
    if (subjects.find(caller.subjectId()).isEmpty()) {
      return seeOther("/portal/enrol");
    }
    return grantForm(GrantForm.blank(), Map.of(), 200);
  }

  @POST
  @Path("/grant")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(summary = "Grant a consent (form post); errors are shown next to their fields")
  public Response grant(
      @FormParam(PortalCsrf.FIELD) String csrfToken,
      @FormParam("granteeId") String granteeId,
      @FormParam("direction") String direction,
      @FormParam("purpose") String purpose,
      @FormParam("categories") List<String> categories,
      @FormParam("expiresOn") String expiresOn,
      @FormParam("usageLimit") String usageLimit) {
    csrf.verify(csrfToken);
    String subjectId = caller.subjectId();
    Subject subject = subjects.find(subjectId).orElse(null);
    if (subject == null) {
      return seeOther("/portal/enrol");
    }
    GrantForm form =
        new GrantForm(granteeId, direction, purpose, categories, expiresOn, usageLimit);
    GrantForm.Result parsed = form.parse(subject.subjectType, consents.now());
    if (!parsed.valid()) {
      return grantForm(form, parsed.errors(), 422);
    }
    Consent consent;
    try {
      consent = consents.grant(subjectId, parsed.terms(), subjectId);
    } catch (ProblemException e) {
      Map<String, String> errors = fieldErrors(e);
      if (errors.isEmpty()) {
        throw e;
      }
      return grantForm(form, errors, 422); // e.g. a grantee that is not registered
    }
    return seeOther("/portal/consent?id=" + consent.id + "&done=granted");
  }

  // ------------------------------------------------------------------ one consent

  @GET
  @Path("/consent")
  @Operation(summary = "One of my consents with its history and receipts (HTML)")
  public Response consent(@QueryParam("id") String id, @QueryParam("done") String done) {
    String subjectId = caller.subjectId();
    Consent c = consents.ownConsent(subjectId, parseId(id));
    Instant now = consents.now();
    long disclosures = AccessLogEntry.count("subjectId = ?1 and consentId = ?2", subjectId, c.id);
    ConsentStatus status = c.effectiveStatus(now);
    return page(
        Templates.consent(
            PortalViews.card(c, now, disclosures),
            consents.history(c.id).stream().map(PortalViews::history).toList(),
            ConsentReceipt.ofConsent(c.id).stream().map(PortalViews::receipt).toList(),
            notice(done),
            status == ConsentStatus.ACTIVE,
            status == ConsentStatus.PENDING));
  }

  @GET
  @Path("/receipts/{receiptId}")
  @Produces("application/jose")
  @Operation(summary = "Download one of my signed receipts (compact JWS)")
  public Response receipt(@PathParam("receiptId") String receiptId) {
    ConsentReceipt r = ConsentReceipt.findById(parseId(receiptId));
    if (r == null || !r.subjectId.equals(caller.subjectId())) {
      throw new ProblemException(ConsentProblems.CONSENT_NOT_FOUND, "No such receipt of yours");
    }
    return Response.ok(r.jws, "application/jose")
        .header("Content-Disposition", "attachment; filename=\"consent-receipt-" + r.id + ".jws\"")
        .build();
  }

  @POST
  @Path("/consent/revoke")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(summary = "Revoke one of my consents (form post, immediate)")
  public Response revoke(
      @FormParam(PortalCsrf.FIELD) String csrfToken,
      @FormParam("consentId") String consentId,
      @FormParam("reason") String reason,
      @FormParam("from") String from) {
    csrf.verify(csrfToken);
    String subjectId = caller.subjectId();
    Consent c = consents.revoke(subjectId, parseId(consentId), subjectId, limited(reason));
    return back(from, c, "revoked");
  }

  @POST
  @Path("/consent/approve")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(summary = "Approve a lender's pending request (form post)")
  public Response approve(
      @FormParam(PortalCsrf.FIELD) String csrfToken,
      @FormParam("consentId") String consentId,
      @FormParam("from") String from) {
    csrf.verify(csrfToken);
    String subjectId = caller.subjectId();
    Consent c = consents.approve(subjectId, parseId(consentId), subjectId);
    return back(from, c, "approved");
  }

  @POST
  @Path("/consent/reject")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(summary = "Reject a lender's pending request (form post)")
  public Response reject(
      @FormParam(PortalCsrf.FIELD) String csrfToken,
      @FormParam("consentId") String consentId,
      @FormParam("reason") String reason,
      @FormParam("from") String from) {
    csrf.verify(csrfToken);
    String subjectId = caller.subjectId();
    Consent c = consents.reject(subjectId, parseId(consentId), subjectId, limited(reason));
    return back(from, c, "rejected");
  }

  // ------------------------------------------------------------------ access log

  @GET
  @Path("/access-log")
  @Operation(summary = "Who obtained my score, with the log's chain verification (HTML)")
  public Response accessLogPage(@QueryParam("after") String after) {
    // newest first, one page at a time: a link leads to the older entries
    AccessLogService.Listing listing =
        accessLog.forSubject(caller.subjectId(), sequence(after), AccessLogService.DEFAULT_PAGE);
    List<AccessRow> rows = PortalViews.access(listing.entries());
    HashChain.Verdict verdict = accessLog.verifySubject(caller.subjectId());
    ChainStatus chain =
        verdict.valid()
            ? new ChainStatus(
                true,
                "Your entries in the access log's hash chain verified just now: none has been"
                    + " changed, and each is still linked to the entry before it.")
            : new ChainStatus(
                false,
                "The access log's hash chain is broken at entry "
                    + verdict.firstBroken().map(String::valueOf).orElse("?")
                    + " ("
                    + verdict.reason()
                    + "). The operator has to investigate; entries may have been tampered with.");
    return page(Templates.accessLog(rows, chain, listing.next()));
  }

  /** The page cursor of the access log; anything but a positive number starts at the newest. */
  private static Long sequence(String after) {
    try {
      long n = after == null ? 0 : Long.parseLong(after.strip());
      return n > 0 ? n : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  // ------------------------------------------------------------------ my file: score, records,
  // disputes

  /**
   * My score with its key factors and a what-if, the records held about me, and my disputes. The
   * score and the records come from scoring- and ingestion-service, asked with this session's
   * access token; when one cannot answer, its section says so and the rest of the page stands.
   */
  @GET
  @Path("/file")
  @Operation(summary = "My file: my score, the records held about me, my disputes (HTML)")
  public Response file(@QueryParam("done") String done) {
    if (subjects.find(caller.subjectId()).isEmpty()) {
      return seeOther("/portal/enrol");
    }
    return filePage(200, notice(done), null);
  }

  @POST
  @Path("/disputes")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(
      summary = "Dispute one of my records (form post)",
      description =
          "The same checks as POST /v1/disputes: the record must be one of mine (asked of"
              + " ingestion with my token), with no dispute already open; nothing is stored"
              + " otherwise.")
  public Response dispute(
      @FormParam(PortalCsrf.FIELD) String csrfToken,
      @FormParam("recordId") String recordId,
      @FormParam("reason") String reason) {
    csrf.verify(csrfToken);
    String subjectId = caller.subjectId();
    if (subjects.find(subjectId).isEmpty()) {
      return seeOther("/portal/enrol");
    }
    UUID record = FileViews.recordId(recordId);
    String why = reason == null ? "" : reason.strip();
    if (record == null) {
      return filePage(422, null, "Choose the record to dispute from the table below.");
    }
    if (why.isEmpty() || why.length() > 2000 || !PlainTextValidator.isPlain(why)) {
      return filePage(422, null, "Say what is wrong with the record, in at most 2,000 characters.");
    }
    disputes.open(subjectId, subjectId, record, why, true);
    return seeOther("/portal/file?done=disputed");
  }

  // ------------------------------------------------------------------ erasure

  @GET
  @Path("/erasure")
  @Operation(summary = "Erasure: what is erased, what is kept and why, and my request (HTML)")
  public Response erasurePage(@QueryParam("done") String done) {
    if (subjects.find(caller.subjectId()).isEmpty()) {
      return seeOther("/portal/enrol");
    }
    return erasurePage(200, notice(done), null);
  }

  @POST
  @Path("/erasure")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(
      summary = "Ask for erasure (form post; needs the confirmation box)",
      description = "The same request as POST /v1/erasure-requests; asking again changes nothing.")
  public Response erase(
      @FormParam(PortalCsrf.FIELD) String csrfToken, @FormParam("confirm") String confirm) {
    csrf.verify(csrfToken);
    if (subjects.find(caller.subjectId()).isEmpty()) {
      return seeOther("/portal/enrol");
    }
    if (!"yes".equals(confirm)) {
      return erasurePage(
          422, null, "Tick the box to confirm: erasure ends every consent and cannot be undone.");
    }
    erasure.request(caller.subjectId(), caller.subjectId());
    return seeOther("/portal/erasure?done=erased");
  }

  // ------------------------------------------------------------------ data export

  /**
   * Everything held about me as one JSON file (GDPR Art. 15 and 20), the same document as {@code
   * GET /v1/me/export}: the other services are asked with this session's access token.
   */
  @GET
  @Path("/export")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Download everything held about me (JSON file)")
  public Response export() {
    String subjectId = caller.subjectId();
    if (subjects.find(subjectId).isEmpty()) {
      return seeOther("/portal/enrol");
    }
    return Response.ok(exports.export(subjectId))
        .header(
            "Content-Disposition",
            "attachment; filename=\"credence-export-" + subjectId + ".json\"")
        .build();
  }

  // ------------------------------------------------------------------ logout

  /**
   * Logout is handled by the OIDC portal tenant before this method runs (it ends the session and
   * redirects to Keycloak's end-session endpoint); reaching it means there was no session left.
   */
  @GET
  @Path("/logout")
  @PermitAll
  @Operation(summary = "Log out (handled by the OIDC tenant)")
  public Response logout() {
    return seeOther("/portal/signed-out");
  }

  @GET
  @Path("/signed-out")
  @PermitAll
  @Operation(summary = "Signed-out page (HTML, public)")
  public TemplateInstance signedOut() {
    return Templates.signedOut();
  }

  // ------------------------------------------------------------------ errors as pages

  /** Problems of the service layer as an HTML page with the same status (no JSON in a browser). */
  @ServerExceptionMapper
  public Response problem(ProblemException e) {
    if (e.type() == ConsentProblems.NOT_ENROLLED) {
      return seeOther("/portal/enrol");
    }
    return page(
        e.type().status(), Templates.error(e.type().status(), e.type().title(), e.getMessage()));
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e) {
    return page(
        403,
        Templates.error(
            403,
            "Not available for this account",
            "The portal is for individuals (role individual). Log out and sign in with a"
                + " personal account."));
  }

  // ------------------------------------------------------------------ helpers

  /** The field errors of an invalid-terms problem, as the grant form shows them. */
  private static Map<String, String> fieldErrors(ProblemException e) {
    Map<String, String> errors = new java.util.LinkedHashMap<>();
    if (e.type() == ConsentProblems.INVALID_TERMS
        && e.extensions().get("errors") instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof Map<?, ?> m
            && m.get("field") instanceof String field
            && m.get("message") instanceof String message) {
          errors.putIfAbsent(field, message);
        }
      }
    }
    return errors;
  }

  private Response grantForm(GrantForm form, Map<String, String> errors, int status) {
    Set<String> checked = Set.copyOf(form.categories());
    List<CategoryOption> categories =
        Arrays.stream(DataCategory.values())
            .filter(c -> c.subjectType() == SubjectType.PERSON)
            .map(c -> new CategoryOption(c.name(), checked.contains(c.name())))
            .toList();
    return page(
        status,
        Templates.grant(
            form,
            errors,
            PortalViews.purposes(form.purpose()),
            categories,
            PortalViews.granteeOptions(grantees.all(null))));
  }

  private Response filePage(int status, String notice, String error) {
    String subjectId = caller.subjectId();
    List<Dispute> mine = disputes.ofSubject(subjectId);
    Downstream.Section records = downstream.records();
    Downstream.Section score = downstream.score();
    return page(
        status,
        Templates.file(
            notice,
            error,
            FileViews.score(score.available(), score.data(), score.reason()),
            records.available(),
            records.reason(),
            records.available() ? FileViews.records(records.data(), mine) : List.of(),
            FileViews.disputes(mine)));
  }

  private Response erasurePage(int status, String notice, String error) {
    return page(
        status,
        Templates.erasure(
            notice,
            error,
            erasure.ofSubject(caller.subjectId()).stream().map(ErasureView::of).toList(),
            ErasureStatement.ERASED,
            ErasureStatement.KEPT));
  }

  private static String notice(String done) {
    return done == null ? null : NOTICES.get(done);
  }

  private static Response back(String from, Consent c, String done) {
    return "consent".equals(from)
        ? seeOther("/portal/consent?id=" + c.id + "&done=" + done)
        : seeOther("/portal/?done=" + done);
  }

  private static UUID parseId(String id) {
    try {
      return UUID.fromString(Optional.ofNullable(id).orElse("").strip());
    } catch (IllegalArgumentException e) {
      throw new ProblemException(ConsentProblems.CONSENT_NOT_FOUND, "No such consent of yours");
    }
  }

  private static String limited(String reason) {
    if (reason == null || reason.isBlank()) {
      return null;
    }
    // control characters dropped (PostgreSQL refuses NUL in text)
    String r = reason.strip().replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]", "");
    return r.length() > 500 ? r.substring(0, 500) : r;
  }

  private static Response page(TemplateInstance page) {
    return page(200, page);
  }

  static Response page(int status, TemplateInstance page) {
    return Response.status(status)
        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
        .entity(page)
        .header("Cache-Control", "no-store")
        .build();
  }

  private static Response seeOther(String location) {
    return Response.seeOther(URI.create(location)).header("Cache-Control", "no-store").build();
  }
}

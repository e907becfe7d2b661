package dev.credence.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The individuals' portal in a real browser: headless Debian Chromium driven by Selenium through
 * Keycloak's login page (authorization code + PKCE), the enrolment form, granting, revoking, the
 * access log, the data export, disputing a furnished record from "My file", the erasure page and
 * logout, with an axe-core accessibility check of each page. Uses the demo user {@code bob}, whom
 * no other suite uses, so it can also run repeatedly against the dev stack.
 *
 * <p>Skips (JUnit assumption) when {@code /usr/bin/chromium} or {@code /usr/bin/chromedriver} is
 * missing; {@code ./credence test} installs them when it runs as root.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(WalkingSkeletonIT.StopAfterFirstFailure.class)
@DisplayName(
    "Portal in a browser: login, enrol, grant, revoke, access log, export, dispute, erasure, logout")
class PortalBrowserIT {
  static final Path CHROMIUM = Path.of(env("E2E_CHROMIUM", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(env("E2E_CHROMEDRIVER", "/usr/bin/chromedriver"));
  static final String USER = "bob";
  static final String PASSWORD = "bob-local-demo";
  static final String NATIONAL_ID = "E2E-BOB-PORTAL-0001";

  private final E2eEnvironment env = new E2eEnvironment();
  private final Tokens tokens = new Tokens(env);
  private final String portal = env.consentUrl + "/portal/";
  private WebDriver browser;
  private WebDriverWait wait;
  private Path profile;
  private Path downloads;
  private String consentId;

  @BeforeAll
  void startBrowser() throws IOException {
    assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "Chromium or chromedriver missing (" + CHROMIUM + ", " + CHROMEDRIVER + ")");
    E2e.registerDemoGrantees(env, tokens);
    profile = Files.createTempDirectory("credence-e2e-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,1000",
        // everything the test visits is on loopback; nothing else may be resolved
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        "--user-data-dir=" + profile);
    downloads = Files.createTempDirectory("credence-e2e-downloads");
    options.setExperimentalOption(
        "prefs",
        java.util.Map.of(
            "download.default_directory",
            downloads.toString(),
            "download.prompt_for_download",
            false));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, options);
    ((ChromeDriver) browser)
        .executeCdpCommand(
            "Browser.setDownloadBehavior",
            java.util.Map.of("behavior", "allow", "downloadPath", downloads.toString()));
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    System.out.println("[e2e] portal " + portal + " with " + CHROMIUM);
  }

  @AfterAll
  void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
    if (profile != null) {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      } catch (IOException ignored) {
        // a temporary directory
      }
    }
  }

  @Test
  @Order(1)
  @DisplayName("1. an anonymous visit goes to Keycloak; bob logs in and lands on the portal")
  void logsInThroughKeycloak() {
    browser.get(portal);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
    assertTrue(
        browser.getCurrentUrl().startsWith(env.keycloakUrl + "/realms/credence/"),
        "redirected to Keycloak: " + browser.getCurrentUrl());
    assertTrue(browser.getCurrentUrl().contains("code_challenge_method=S256"), "PKCE S256");
    browser.findElement(By.id("username")).sendKeys(USER);
    browser.findElement(By.id("password")).sendKeys(PASSWORD);
    browser.findElement(By.id("kc-login")).click();
    wait.until(d -> d.getCurrentUrl().startsWith(env.consentUrl + "/portal/"));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
  }

  @Test
  @Order(2)
  @DisplayName("2. bob enrols on first login (national id kept only as a keyed hash)")
  void enrols() {
    if (browser.getCurrentUrl().contains("/portal/enrol")) {
      assertEquals("Welcome to Credence", heading());
      checkAccessibility("enrolment");
      browser.findElement(By.id("nationalId")).sendKeys(NATIONAL_ID);
      browser.findElement(By.cssSelector("form[action='/portal/enrol'] button")).click();
      wait.until(d -> d.getCurrentUrl().contains("done=enrolled"));
    }
    assertEquals("My consents", heading());
    checkAccessibility("dashboard");
  }

  @Test
  @Order(3)
  @DisplayName("3. the grant form shows server-side errors next to the fields")
  void grantFormShowsErrors() {
    browser.get(env.consentUrl + "/portal/grant");
    assertEquals("Grant a consent", heading());
    checkAccessibility("grant form");
    browser.findElement(By.id("direction-COLLECT")).click();
    new Select(browser.findElement(By.id("purpose"))).selectByValue("ACCOUNT_REVIEW");
    browser.findElement(By.cssSelector("form[action='/portal/grant'] button[type=submit]")).click();
    WebElement error =
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("granteeId-error")));
    assertTrue(error.getText().contains("must name the lender"), error.getText());
    assertTrue(
        browser.findElement(By.id("purpose-error")).getText().contains("belongs to direction"));
    assertTrue(browser.findElement(By.id("categories-error")).getText().contains("at least one"));
    assertEquals("true", browser.findElement(By.id("granteeId")).getAttribute("aria-invalid"));
    checkAccessibility("grant form with errors");
  }

  @Test
  @Order(4)
  @DisplayName("4. bob grants demo-lender a DISCLOSE consent and sees it ACTIVE with a receipt")
  void grants() {
    browser.get(env.consentUrl + "/portal/grant");
    browser.findElement(By.id("granteeId")).sendKeys("demo-lender");
    browser.findElement(By.id("direction-DISCLOSE")).click();
    new Select(browser.findElement(By.id("purpose"))).selectByValue("ACCOUNT_REVIEW");
    browser.findElement(By.id("category-TRADELINE")).click();
    String expiry = LocalDate.now(ZoneOffset.UTC).plusMonths(3).toString();
    setDate("expiresAt", expiry);
    browser.findElement(By.id("usageLimit")).sendKeys("2");
    browser.findElement(By.cssSelector("form[action='/portal/grant'] button[type=submit]")).click();

    wait.until(d -> d.getCurrentUrl().contains("done=granted"));
    consentId = browser.getCurrentUrl().replaceAll(".*[?&]id=([0-9a-f-]{36}).*", "$1");
    UUID.fromString(consentId);
    assertEquals("ACTIVE", browser.findElement(By.id("consent-status")).getText());
    String page = browser.findElement(By.tagName("main")).getText();
    assertTrue(page.contains("Review an existing credit account"), page);
    assertTrue(page.contains("end of " + expiry), page);
    assertTrue(page.contains("0 disclosures of at most 2"), page);
    assertTrue(page.contains("Grant receipt"), page);
    checkAccessibility("consent detail");

    browser.get(portal);
    WebElement card = browser.findElement(By.id("consent-" + consentId));
    assertEquals("ACTIVE", card.getAttribute("data-status"));
  }

  @Test
  @Order(5)
  @DisplayName("5. one click revokes it; the dashboard shows it REVOKED")
  void revokes() {
    browser.get(portal);
    browser
        .findElement(By.cssSelector("#consent-" + consentId + " form[action$='/revoke'] button"))
        .click();
    wait.until(d -> d.getCurrentUrl().contains("done=revoked"));
    WebElement row = browser.findElement(By.id("consent-" + consentId));
    assertEquals("REVOKED", row.getAttribute("data-status"));
    assertTrue(browser.findElement(By.cssSelector("[role=status]")).getText().contains("revoked"));

    browser.get(env.consentUrl + "/portal/consent?id=" + consentId);
    assertEquals("REVOKED", browser.findElement(By.id("consent-status")).getText());
    assertTrue(browser.findElement(By.tagName("main")).getText().contains("Revocation receipt"));
  }

  @Test
  @Order(6)
  @DisplayName("6. the access log page renders with the chain verification status")
  void accessLog() {
    browser.get(env.consentUrl + "/portal/access-log");
    assertEquals("Who saw my score", heading());
    String chain = browser.findElement(By.id("chain-status")).getText();
    assertTrue(chain.startsWith("Chain verified.") || chain.startsWith("Chain broken."), chain);
    checkAccessibility("access log");
  }

  @Test
  @Order(7)
  @DisplayName("7. the data export downloads, with the session's token reaching ingestion")
  void exportsMyData() throws IOException {
    browser.get(portal);
    browser.findElement(By.linkText("Download my data")).click();
    Path file =
        wait.until(
            d -> {
              try (var files = Files.list(downloads)) {
                return files
                    .filter(f -> f.getFileName().toString().startsWith("credence-export-"))
                    .filter(f -> f.getFileName().toString().endsWith(".json"))
                    .findFirst()
                    .orElse(null);
              } catch (IOException e) {
                return null;
              }
            });
    var doc = E2e.JSON.readTree(Files.readString(file));
    assertEquals("credence-export/1", doc.path("format").asText(), doc.toString());
    // ingestion answered the portal session's own access token (no bearer header in a browser)
    assertTrue(
        doc.path("records").path("available").asBoolean(),
        "records section: " + doc.path("records"));
    assertTrue(doc.path("consents").size() >= 1, "bob's consents are in his export");
  }

  @Test
  @Order(8)
  @DisplayName(
      "8. bob grants demo-furnisher COLLECT, a card is furnished, and he disputes it from My file")
  void disputesARecordFromHisFile() {
    browser.get(env.consentUrl + "/portal/grant");
    browser.findElement(By.id("granteeId")).sendKeys("demo-furnisher");
    browser.findElement(By.id("direction-COLLECT")).click();
    new Select(browser.findElement(By.id("purpose"))).selectByValue("FURNISHING");
    browser.findElement(By.id("category-TRADELINE")).click();
    browser.findElement(By.cssSelector("form[action='/portal/grant'] button[type=submit]")).click();
    wait.until(d -> d.getCurrentUrl().contains("done=granted"));

    // the furnisher reports a card; ingestion accepts it once bob's consent has reached it
    ObjectNode record = E2e.object();
    record.put("furnisherRecordId", "e2e-bob-" + UUID.randomUUID()).put("category", "TRADELINE");
    record.putObject("subject").put("identifierType", "NATIONAL_ID").put("identifier", NATIONAL_ID);
    record
        .putObject("data")
        .put("accountType", "REVOLVING")
        .put("openedOn", "2019-06-01")
        .put("creditLimit", 2000)
        .put("currentBalance", 1900)
        .put("accountStatus", "11")
        .put("reportedOn", LocalDate.now(ZoneOffset.UTC).minusDays(1).toString());
    ObjectNode batch = E2e.object();
    batch.putArray("records").add(record);
    String furnisher = tokens.demoFurnisher();
    Response furnished =
        E2e.eventually(
            "8. the card should be ACCEPTED once bob's COLLECT consent reached ingestion",
            Duration.ofSeconds(30),
            () ->
                given(env.ingestion())
                    .auth()
                    .oauth2(furnisher)
                    .contentType(ContentType.JSON)
                    .body(E2e.json(batch))
                    .post("/v1/records"),
            r -> "ACCEPTED".equals(E2e.text(E2e.body(r).path("results").path(0), "outcome")),
            r -> r.statusCode() == 200);
    String recordId = E2e.text(E2e.body(furnished).path("results").path(0), "recordId");
    UUID.fromString(recordId);

    // My file: ingestion and scoring answered the session's own token
    browser.findElement(By.linkText("My score and records")).click();
    assertEquals("My file", heading());
    WebElement row = browser.findElement(By.id("record-" + recordId));
    assertEquals("ACTIVE", row.getAttribute("data-status"));
    assertTrue(row.getText().contains("currentBalance: 1900"), row.getText());
    assertTrue(
        browser.findElements(By.id("score-unavailable")).isEmpty(),
        "scoring answered: " + browser.findElement(By.tagName("main")).getText());
    checkAccessibility("my file");

    row.findElement(By.id("reason-" + recordId)).sendKeys("The balance was paid off last month");
    row.findElement(By.cssSelector("form[action='/portal/disputes'] button")).click();
    wait.until(d -> d.getCurrentUrl().contains("done=disputed"));
    assertTrue(
        browser.findElement(By.cssSelector("[role=status]")).getText().contains("Dispute opened"));
    WebElement dispute = browser.findElement(By.cssSelector("#disputes li[data-status]"));
    assertTrue(
        dispute.getText().contains("“The balance was paid off last month”"), dispute.getText());
    assertTrue(
        browser
            .findElement(By.id("record-" + recordId))
            .findElements(By.cssSelector("form[action='/portal/disputes']"))
            .isEmpty(),
        "a disputed record offers no second dispute");
    checkAccessibility("my file after a dispute");
  }

  @Test
  @Order(9)
  @DisplayName("9. the erasure page says what is erased and what is kept, behind a confirmation")
  void erasurePage() {
    browser.findElement(By.linkText("Erase my data")).click();
    assertEquals("Erase my data", heading());
    assertTrue(browser.findElement(By.id("kept")).getText().contains("access log"));
    WebElement confirm = browser.findElement(By.id("confirm"));
    assertEquals("true", confirm.getAttribute("required"), "the box must be ticked to submit");
    checkAccessibility("erasure");
    // not submitted: bob's file is reused by the next run of this suite
  }

  @Test
  @Order(10)
  @DisplayName("10. logout ends the session at Keycloak too")
  void logsOut() {
    browser.get(portal);
    browser.findElement(By.linkText("Log out")).click();
    wait.until(d -> d.getCurrentUrl().contains("/portal/signed-out"));
    assertEquals("You are signed out", heading());
    browser.get(portal);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
    assertTrue(browser.getCurrentUrl().startsWith(env.keycloakUrl), "a new login is required");
  }

  @Test
  @Order(11)
  @DisplayName(
      "11. the session outlives its tokens: refreshed twice, each time with the rotated refresh"
          + " token")
  void refreshesWithRotatedRefreshTokens() throws InterruptedException {
    // The realm rotates refresh tokens (revokeRefreshToken, no reuse). With the portal client's
    // tokens living 10 s, two page loads 12 s apart each need a refresh, and the second succeeds
    // only if the portal kept the refresh token the first one returned.
    KeycloakAdmin admin = new KeycloakAdmin(env);
    String before = admin.setClientAttribute("credence-portal", "access.token.lifespan", "10");
    try {
      browser.get(portal);
      wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
      browser.findElement(By.id("username")).sendKeys(USER);
      browser.findElement(By.id("password")).sendKeys(PASSWORD);
      browser.findElement(By.id("kc-login")).click();
      wait.until(d -> d.getCurrentUrl().startsWith(portal));
      assertEquals("My consents", heading());
      // Without Keycloak's own cookies a failed refresh cannot be hidden by a silent SSO login:
      // it would end on Keycloak's login form.
      int removed = forgetKeycloakCookies();
      assertTrue(removed > 0, "Keycloak's SSO cookies were in the browser");
      for (int round = 1; round <= 2; round++) {
        Thread.sleep(12_000); // past the 10 s ID token: the next page needs a refresh
        browser.get(portal);
        assertEquals("My consents", heading(), "page after refresh " + round);
        assertTrue(
            browser.getCurrentUrl().startsWith(portal),
            "refresh " + round + " stayed on the portal: " + browser.getCurrentUrl());
        assertTrue(
            browser.findElements(By.id("username")).isEmpty(), "no login form, round " + round);
      }
    } finally {
      admin.setClientAttribute("credence-portal", "access.token.lifespan", before);
    }
  }

  /** Deletes the browser's cookies of Keycloak's realm paths; returns how many there were. */
  @SuppressWarnings("unchecked")
  private int forgetKeycloakCookies() {
    ChromeDriver chrome = (ChromeDriver) browser;
    List<java.util.Map<String, Object>> cookies =
        (List<java.util.Map<String, Object>>)
            chrome.executeCdpCommand("Network.getAllCookies", java.util.Map.of()).get("cookies");
    int removed = 0;
    for (java.util.Map<String, Object> cookie : cookies) {
      String path = String.valueOf(cookie.get("path"));
      if (path.startsWith("/realms/")) {
        chrome.executeCdpCommand(
            "Network.deleteCookies",
            java.util.Map.of(
                "name", cookie.get("name"), "domain", cookie.get("domain"), "path", path));
        removed++;
      }
    }
    return removed;
  }

  private String heading() {
    return wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1"))).getText();
  }

  /** A date input takes keystrokes in the browser's locale format: set its value directly. */
  private void setDate(String id, String isoDate) {
    WebElement input = browser.findElement(By.id(id));
    ((org.openqa.selenium.JavascriptExecutor) browser)
        .executeScript("arguments[0].value = arguments[1];", input, isoDate);
  }

  /** axe-core (WCAG 2.x A and AA rules) must find no violation on the page. */
  private void checkAccessibility(String page) {
    Results results =
        new AxeBuilder()
            .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
            .analyze(browser);
    assertTrue(
        results.getPasses() != null && !results.getPasses().isEmpty(),
        "axe-core ran on the " + page + " page");
    List<Rule> violations = results.getViolations();
    if (!violations.isEmpty()) {
      screenshot(page);
    }
    assertTrue(
        violations.isEmpty(),
        "axe-core violations on the "
            + page
            + " page: "
            + violations.stream()
                .map(
                    v ->
                        v.getId()
                            + " ("
                            + v.getImpact()
                            + "): "
                            + v.getHelp()
                            + " at "
                            + v.getNodes().stream()
                                .map(n -> String.valueOf(n.getTarget()))
                                .collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; ")));
  }

  private void screenshot(String page) {
    try {
      Path dir = Path.of("target", "e2e-screenshots");
      Files.createDirectories(dir);
      byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
      Files.write(dir.resolve(page.replaceAll("[^a-z]+", "-") + ".png"), png);
    } catch (IOException | RuntimeException e) {
      System.out.println("[e2e] no screenshot: " + e);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}

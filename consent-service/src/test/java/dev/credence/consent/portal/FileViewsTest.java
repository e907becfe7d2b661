package dev.credence.consent.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.credence.common.events.DisputeStatus;
import dev.credence.consent.model.Dispute;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FileViewsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String A = "0a000000-0000-4000-8000-00000000000a";
  private static final String B = "0b000000-0000-4000-8000-00000000000b";
  private static final String C = "0c000000-0000-4000-8000-00000000000c";
  private static final String D = "0d000000-0000-4000-8000-00000000000d";

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text.replace('\'', '"'));
  }

  private static Dispute dispute(String recordId, DisputeStatus status) {
    Dispute d = new Dispute();
    d.id = UUID.randomUUID();
    d.recordId = UUID.fromString(recordId);
    d.status = status;
    d.reason = "wrong";
    return d;
  }

  @Test
  void onlyAnActiveRecordWithoutAnOpenDisputeCanBeDisputed() throws Exception {
    JsonNode records =
        json(
            "[{'recordId':'"
                + A
                + "','category':'TRADELINE','furnisherId':'bank','status':'ACTIVE','data':{}},"
                + "{'recordId':'"
                + B
                + "','category':'TRADELINE','status':'SUPERSEDED','data':{}},"
                + "{'recordId':'"
                + C
                + "','category':'TRADELINE','status':'ACTIVE','disputeStatus':'OPEN','data':{}},"
                + "{'recordId':'"
                + D
                + "','category':'INQUIRY','status':'ACTIVE','disputeStatus':'VERIFIED','data':{}}]");
    // a dispute opened here a moment ago, not yet known to ingestion, also closes the form
    List<FileViews.RecordRow> rows =
        FileViews.records(records, List.of(dispute(D, DisputeStatus.OPEN)));

    assertEquals(4, rows.size());
    assertTrue(rows.get(0).disputable(), "active, never disputed");
    assertFalse(rows.get(1).disputable(), "superseded: it no longer counts");
    assertFalse(rows.get(2).disputable(), "a dispute is open at ingestion");
    assertEquals("OPEN", rows.get(2).disputeStatus());
    assertFalse(rows.get(3).disputable(), "a dispute is open here");
    assertEquals("OPEN", rows.get(3).disputeStatus());
    // a closed dispute leaves the record disputable again
    assertTrue(
        FileViews.records(records, List.of(dispute(A, DisputeStatus.VERIFIED)))
            .get(0)
            .disputable());
  }

  @Test
  void aRecordsDataIsSummarisedByItsFirstFields() throws Exception {
    assertEquals(
        "accountType: REVOLVING · creditLimit: 1000 · flags: [\"x\"]",
        FileViews.summary(json("{'accountType':'REVOLVING','creditLimit':1000,'flags':['x']}")));
    assertEquals(
        "a: 1 · b: 2 · c: 3 · d: 4 · e: 5 · f: 6 · …",
        FileViews.summary(json("{'a':1,'b':2,'c':3,'d':4,'e':5,'f':6,'g':7}")));
    assertEquals("—", FileViews.summary(json("{}")));
    assertEquals("—", FileViews.summary(null));
  }

  @Test
  void aScoreShowsItsKeyFactorsAndTheActNowPlan() throws Exception {
    JsonNode s =
        json(
            "{'outcome':'SCORED','score':640,'band':'FAIR','scaleMin':300,'scaleMax':850,"
                + "'keyFactors':[{'code':'UTIL_HIGH','text':'Revolving balances are high"
                + " relative to limits','pointsLost':41}],"
                + "'whatIf':{'targetPoints':20,'reachable':true,'projectedScore':700,'changes':["
                + "{'feature':'hard_inquiries_12m','reasonText':'Hard inquiries','from':2,"
                + "'target':'below 1','pointsGained':14,'lever':'TIME','reachedOn':'2027-06-30'},"
                + "{'feature':'months_since_oldest_account','reasonText':'Account age','from':20,"
                + "'target':'at least 500','pointsGained':30,'lever':'TIME','reachedOn':null},"
                + "{'feature':'revolving_utilisation','reasonText':'Revolving utilisation',"
                + "'from':85,'target':'below 50','pointsGained':22,'lever':'ACTION'}]},"
                + "'whatIfNow':{'targetPoints':20,'reachable':true,'projectedScore':662,"
                + "'changes':[{'feature':'revolving_utilisation','reasonText':'Revolving"
                + " utilisation','from':85,'target':'below 50','pointsGained':22,"
                + "'howToChange':'Pay down card balances'},"
                + "{'feature':'open_accounts','label':'Open accounts','reasonText':'Too few"
                + " open accounts','from':1,'target':'at least 3','pointsGained':9,"
                + "'hardInquiriesAdded':2},"
                + "{'feature':'open_accounts','reasonText':'Number of open accounts','from':9,"
                + "'target':'below 8','pointsGained':11,'hardInquiriesAdded':0,"
                + "'accountsClosed':2}]},"
                + "'model':{'id':'person-synthetic','version':'1'},'dataAsOf':'2026-11-28'}");
    FileViews.ScoreCard card = FileViews.score(true, s, null);
    assertEquals(0, card.plan().get(0).hardInquiriesAdded());
    assertEquals(2, card.plan().get(1).hardInquiriesAdded(), "opening two accounts: two inquiries");
    // the feature's neutral label names the value, not the reason text ("Too few open accounts")
    assertEquals("Open accounts from 1 to at least 3", card.plan().get(1).text());
    // a scoring-service sending no label: the reason text
    assertEquals("Revolving utilisation from 85 to below 50", card.plan().get(0).text());
    assertEquals(0, card.plan().get(1).accountsClosed());
    assertEquals(2, card.plan().get(2).accountsClosed(), "closing two accounts");
    // time alone: only the full plan's dated TIME changes
    assertEquals(1, card.waiting().size(), card.waiting().toString());
    assertEquals("2027-06-30", card.waiting().get(0).reachedOn());
    assertEquals(14, card.waiting().get(0).pointsGained());

    assertTrue(card.available());
    assertTrue(card.scored());
    assertEquals(640, card.score());
    assertEquals("FAIR", card.band());
    assertEquals(1, card.keyFactors().size());
    assertEquals(41, card.keyFactors().get(0).pointsLost());
    assertTrue(card.planShown());
    assertEquals(662, card.planProjected(), "the plan the person can act on now");
    assertEquals("Revolving utilisation from 85 to below 50", card.plan().get(0).text());
    assertEquals("Pay down card balances", card.plan().get(0).how());
    assertEquals("person-synthetic v1", card.model());
  }

  @Test
  void noScoreAndAnUnavailableScoreAreAnswersToo() throws Exception {
    FileViews.ScoreCard none =
        FileViews.score(
            true,
            json("{'outcome':'NO_SCORE','noScoreText':'Fewer than one account','keyFactors':[]}"),
            null);
    assertTrue(none.available());
    assertFalse(none.scored());
    assertNull(none.score());
    assertEquals("Fewer than one account", none.noScoreText());
    assertFalse(none.planShown());

    FileViews.ScoreCard down = FileViews.score(false, null, "scoring-service answered HTTP 503");
    assertFalse(down.available());
    assertEquals("scoring-service answered HTTP 503", down.unavailableReason());
  }

  @Test
  void everyDisputeStatusIsExplained() {
    for (DisputeStatus status : DisputeStatus.values()) {
      assertFalse(FileViews.statusText(status).isBlank(), status.name());
    }
  }

  @Test
  void aRecordIdFromAFormIsParsedOrRefused() {
    assertEquals(UUID.fromString(A), FileViews.recordId(" " + A + " "));
    assertNull(FileViews.recordId("not-a-record"));
    assertNull(FileViews.recordId(null));
  }
}

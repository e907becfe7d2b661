package dev.credence.ingestion.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.common.events.DataCategory;
import dev.credence.ingestion.domain.ControlCharacters.Found;
import dev.credence.ingestion.support.Samples;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ControlCharactersTest {
  @Test
  void findsANulCharacterInADataValueByItsPointer() {
    ObjectNode data = Samples.data(DataCategory.PAYMENT);
    data.put("accountReference", "ref\u0000-1");

    assertEquals(
        Optional.of(new Found("/accountReference", false)), ControlCharacters.inData(data));
  }

  @Test
  void allowsTabsAndLineBreaksInFreeTextButNoOtherControlCharacter() {
    ObjectNode data = Samples.data(DataCategory.PUBLIC_RECORD);
    data.put("courtReference", "CJ-2024\t0042\r\nsecond line");
    assertEquals(Optional.empty(), ControlCharacters.inData(data));

    data.put("courtReference", "CJ-2024\u001b0042");
    assertEquals(Optional.of(new Found("/courtReference", false)), ControlCharacters.inData(data));
  }

  @Test
  void findsAControlCharacterInAFieldNameWithoutNamingTheField() {
    ObjectNode data = Samples.data(DataCategory.TRADELINE);
    data.putObject("extra").put("bad\tname", "x");

    Found found = ControlCharacters.inData(data).orElseThrow();
    assertEquals(new Found("/extra", true), found);
    assertEquals("a field name in /extra", found.where());
  }

  @Test
  void findsAnyControlCharacterInTheEnvelopeButLeavesDataToInData() {
    ObjectNode record = Samples.record("rec-1", DataCategory.PAYMENT, "NATIONAL_ID", "AB123456C");
    ((ObjectNode) record.get("data")).put("accountReference", "ref\u0000");
    assertEquals(Optional.empty(), ControlCharacters.inEnvelope(record));

    ((ObjectNode) record.get("subject")).put("identifier", "AB\t123456C");
    assertEquals(Optional.of("subject.identifier"), ControlCharacters.inEnvelope(record));

    record.put("furnisherRecordId", "rec\u0000-1");
    assertEquals(Optional.of("furnisherRecordId"), ControlCharacters.inEnvelope(record));
  }

  @Test
  void tellsIdentifiersFromFreeText() {
    assertTrue(ControlCharacters.any("a\tb"));
    assertFalse(ControlCharacters.anyInText("a\tb"));
    assertTrue(ControlCharacters.anyInText("a\u0000b"));
    assertFalse(ControlCharacters.any("plain – text, ünïcode"));
    assertFalse(ControlCharacters.any(null));
  }
}

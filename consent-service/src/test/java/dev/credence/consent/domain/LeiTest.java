package dev.credence.consent.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LeiTest {
  @Test
  void publishedLeisAreValid() {
    for (String lei :
        List.of("7LTWFZYICNSX8D621K86", "HWUPKR0MPOU8FGXBT394", "529900T8BM49AURSDO55")) {
      assertTrue(Lei.isValid(lei), lei);
    }
    assertTrue(Lei.isValid(" 5493001kjtiigc8y1r12 "), "normalised before checking");
  }

  @Test
  void aWrongCheckDigitOrShapeIsRefused() {
    assertFalse(Lei.isValid("7LTWFZYICNSX8D621K87"));
    assertFalse(Lei.isValid("7LTWFZYICNSX8D621K8"));
    assertFalse(Lei.isValid("7LTWFZYICNSX8D621KAB"));
    assertFalse(Lei.isValid("7LTWFZYICNSX8D621-86"));
    assertFalse(Lei.isValid(null));
  }

  @Test
  void checkDigitsOfAPublishedLei() {
    assertEquals("86", Lei.checkDigits("7LTWFZYICNSX8D621K"));
  }

  @Test
  void everySingleDigitChangeOfAValidLeiIsDetected() {
    Random random = new Random(17442);
    String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    for (int n = 0; n < 500; n++) {
      StringBuilder prefix = new StringBuilder();
      for (int i = 0; i < 18; i++) {
        prefix.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String lei = prefix + Lei.checkDigits(prefix.toString());
      assertTrue(Lei.isValid(lei), lei);
      // MOD 97-10 catches every change of one digit (a letter counts as two digits, so a letter
      // swap may slip through: that is the standard's documented strength, not ours to improve)
      int at = random.nextInt(20);
      char other = (char) ('0' + random.nextInt(10));
      if (Character.isDigit(lei.charAt(at)) && other != lei.charAt(at)) {
        String changed = lei.substring(0, at) + other + lei.substring(at + 1);
        assertFalse(Lei.isValid(changed), changed);
      }
    }
  }
}

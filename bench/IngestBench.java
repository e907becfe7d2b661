// Credence ingestion benchmark helper (single-file Java program, run with `java IngestBench.java`).
//
//   seed <subjects> <furnisher>      SQL for ingestion's consent projection: <subjects> enrolled bench
//                                    persons with an ACTIVE COLLECT consent of <furnisher> (stdout)
//   generate <records> <subjects> <run>   NDJSON TRADELINE records, streamed to stdout (constant
//                                    memory: one line at a time, never a file)
//
// The identifier key comes from the CREDENCE_IDENTIFIER_KEY environment variable (the service's own
// key: the projection matches identifiers by keyed hash).
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class IngestBench {
  static String nationalId(int i) {
    return String.format(Locale.ROOT, "BENCH-ING-%05d", i);
  }

  static String subjectId(int i) {
    return String.format(Locale.ROOT, "bench-ingest-%05d", i);
  }

  public static void main(String[] args) throws Exception {
    Writer out =
        new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
    switch (args[0]) {
      case "seed" -> seed(Integer.parseInt(args[1]), args[2], out);
      case "generate" ->
          generate(Long.parseLong(args[1]), Integer.parseInt(args[2]), args[3], out);
      default -> throw new IllegalArgumentException("seed | generate");
    }
    out.flush();
  }

  static void seed(int subjects, String furnisher, Writer out) throws Exception {
    String key = System.getenv("CREDENCE_IDENTIFIER_KEY");
    if (key == null || key.isBlank()) {
      throw new IllegalStateException("CREDENCE_IDENTIFIER_KEY is not set");
    }
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(Base64.getDecoder().decode(key.trim()), "HmacSHA256"));
    out.write("begin;\n");
    for (int i = 1; i <= subjects; i++) {
      String normalised = nationalId(i).toUpperCase(Locale.ROOT).replaceAll("[\\s.\\-/]", "");
      String hash =
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(
                  mac.doFinal(("NATIONAL_ID:" + normalised).getBytes(StandardCharsets.UTF_8)));
      String subject = subjectId(i);
      UUID consent = UUID.nameUUIDFromBytes(("bench-consent-" + furnisher + "-" + i).getBytes());
      out.write(
          "insert into subject_view (subject_id, subject_type, registered_at) values ('"
              + subject
              + "', 'PERSON', now()) on conflict do nothing;\n");
      out.write(
          "insert into subject_identifier_view (identifier_type, identifier_hash, subject_id)"
              + " values ('NATIONAL_ID', '"
              + hash
              + "', '"
              + subject
              + "') on conflict do nothing;\n");
      out.write(
          "insert into consent_view (consent_id, sequence, subject_id, grantee_id, direction,"
              + " purpose, categories, status, starts_at, expires_at, changed_at) values ('"
              + consent
              + "', 1, '"
              + subject
              + "', '"
              + furnisher
              + "', 'COLLECT', 'FURNISHING', '{TRADELINE,PAYMENT}', 'ACTIVE',"
              + " now() - interval '1 day', now() + interval '1 year', now())"
              + " on conflict do nothing;\n");
    }
    out.write("commit;\n");
  }

  static void generate(long records, int subjects, String run, Writer out) throws Exception {
    String[] statuses = {"11", "11", "11", "11", "71", "13"};
    String[] types = {"REVOLVING", "INSTALLMENT", "MORTGAGE", "LINE_OF_CREDIT"};
    StringBuilder line = new StringBuilder(512);
    for (long n = 1; n <= records; n++) {
      int subject = (int) ((n * 7919L) % subjects) + 1;
      String status = statuses[(int) (n % statuses.length)];
      line.setLength(0);
      line.append("{\"furnisherRecordId\":\"bench-")
          .append(run)
          .append('-')
          .append(n)
          .append("\",\"category\":\"TRADELINE\",\"subject\":{\"identifierType\":\"NATIONAL_ID\",")
          .append("\"identifier\":\"")
          .append(nationalId(subject))
          .append("\"},\"data\":{\"accountType\":\"")
          .append(types[(int) (n % types.length)])
          .append("\",\"openedOn\":\"20")
          .append(10 + n % 15)
          .append("-0")
          .append(1 + n % 9)
          .append("-15\",\"creditLimit\":")
          .append(1000 + (n % 50) * 100)
          .append(",\"currentBalance\":")
          .append(n % 5000)
          .append('.')
          .append(n % 100)
          .append(",\"currency\":\"EUR\",\"accountStatus\":\"")
          .append(status)
          .append("\",\"paymentRating\":\"")
          .append(status.equals("71") ? "1" : "0")
          .append("\",\"paymentHistoryProfile\":\"")
          .append(status.equals("71") ? "100000000000000000000000" : "000000000000000000000000")
          .append('"');
      if (status.equals("71")) {
        line.append(",\"dateOfFirstDelinquency\":\"2026-09-01\"");
      }
      line.append(",\"reportedOn\":\"2026-11-01\"}}\n");
      out.append(line);
    }
  }
}

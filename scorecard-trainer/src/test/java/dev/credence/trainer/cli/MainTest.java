package dev.credence.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void trainWritesTheModelAndASelfContainedReport() throws Exception {
    int code =
        run(
            "train",
            "--config",
            "config/german-credit.json",
            "--data",
            "data/german_credit.csv",
            "--out",
            dir.toString(),
            "--cv",
            "3");
    assertEquals(0, code, err.toString());
    assertTrue(Files.isRegularFile(dir.resolve("german-credit-v1.json")));
    assertTrue(Files.isRegularFile(dir.resolve("report.json")));
    String html = Files.readString(dir.resolve("report.html"));
    assertTrue(
        html.contains("<svg") && html.contains("Fairness") && html.contains("cross-validated"));
    assertFalse(html.contains("<script"), "no script");
    assertFalse(
        html.replace("http://www.w3.org/2000/svg", "").contains("http"), "no external resource");
    assertTrue(out.toString().contains("test     AUC"), out.toString());
    assertTrue(out.toString().contains("fairness foreign_worker=yes"), out.toString());
  }

  @Test
  void aProtectedFeatureFailsWithExitCodeOneAndTheRule() throws Exception {
    String config =
        Files.readString(Path.of("config/german-credit.json"))
            .replace(
                "\"protectedAttributes\"",
                "\"features\": [\"duration_in_month\", \"foreign_worker\"],\n  \"protectedAttributes\"");
    Path file = dir.resolve("bad.json");
    Files.writeString(file, config);
    int code =
        run(
            "train",
            "--config",
            file.toString(),
            "--data",
            "data/german_credit.csv",
            "--out",
            dir.toString());
    assertEquals(1, code);
    assertTrue(
        err.toString()
            .contains(
                "foreign_worker is a protected attribute (GDPR Art. 9 / ECOA): it may be used only"
                    + " for the fairness report, never as a feature"),
        err.toString());
    assertFalse(Files.exists(dir.resolve("german-credit-v1.json")), "nothing written");
  }

  @Test
  void generateAndStabilityRunFromTheCommandLine() throws Exception {
    Path base = dir.resolve("base.csv");
    Path later = dir.resolve("later.csv");
    assertEquals(0, run("generate", "--seed", "1", "--rows", "4000", "--out", base.toString()));
    assertEquals(
        0,
        run(
            "generate",
            "--seed",
            "2",
            "--rows",
            "4000",
            "--stress-shift",
            "1.5",
            "--out",
            later.toString()));
    assertEquals(
        0,
        run(
            "stability",
            "--model",
            "../scoring-service/src/main/resources/models/person-synthetic-v2.json",
            "--config",
            "config/person-synthetic.json",
            "--baseline",
            base.toString(),
            "--sample",
            later.toString(),
            "--out",
            dir.toString()),
        err.toString());
    assertTrue(out.toString().contains("SHIFT"), out.toString());
    assertTrue(Files.isRegularFile(dir.resolve("stability.json")));
  }
}

package org.learnparallel.timing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.learnparallel.pool.Pool;

class SpeedupTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  // the course's recorded run; tests run in the project's root
  private static final Path RECORDED = Path.of("notebooks/data/speedup-2core-amd-epyc.csv");

  // 4 cores, 10 % serial; past the cores the time stays flat.
  private static SpeedupResult recorded() {
    int[] workers = {1, 2, 4, 8};
    double[] seconds = new double[workers.length];
    for (int i = 0; i < workers.length; i++) {
      seconds[i] = 8 * (0.1 + 0.9 / Math.min(workers[i], 4));
    }
    return SpeedupResult.of("test machine", 4, workers, seconds);
  }

  @Test
  void fitsAmdahlOnTheCoresOnly() {
    assertEquals(0.1, recorded().amdahl().orElseThrow().serialFraction(), 1e-12);
  }

  @Test
  void tableHasTheCourseColumns() {
    var t = recorded().table();
    // recorded times have no spread: no ± column rather than a column of zeros
    assertEquals(List.of("workers", "time (ms)", "speed-up", "efficiency", "Ideal", "Amdahl"), t.columnNames());
    assertEquals(8000, t.doubleColumn("time (ms)").get(0), 1e-9);
    assertEquals(8 / 4.4, t.doubleColumn("speed-up").get(1), 1e-9);
    assertEquals(8 / 4.4 / 2, t.doubleColumn("efficiency").get(1), 1e-9);
    assertEquals(8, t.doubleColumn("Ideal").get(3));
    // Amdahl with 8 workers on 4 cores predicts the 4-core speed-up
    assertEquals(t.doubleColumn("Amdahl").get(2), t.doubleColumn("Amdahl").get(3), 1e-12);
  }

  @Test
  void chartHasMeasuredIdealAmdahlAndTheCoresLine() throws IOException {
    JsonNode fig = JSON.readTree(recorded().chart().toJson());
    List<String> names = new ArrayList<>();
    fig.get("data").forEach(trace -> names.add(trace.get("name").asText()));
    assertEquals(List.of("measured", "Ideal", "Amdahl, s = 0.100"), names);
    assertEquals("[1.0,2.0,4.0,8.0]", fig.get("data").get(1).get("y").toString());
    assertEquals("dash", fig.get("data").get(1).get("line").get("dash").asText());
    assertEquals(4, fig.get("layout").get("shapes").get(0).get("x0").asInt());
    assertEquals("4 cores", fig.get("layout").get("annotations").get(0).get("text").asText());
    assertEquals(1, fig.get("layout").get("xaxis").get("dtick").asInt(), "whole workers only");
  }

  @Test
  void oneCoreGivesNoFitButStillAChart() throws IOException {
    SpeedupResult r = SpeedupResult.of("binder", 1, new int[] {1, 2}, new double[] {1, 1.02});
    assertTrue(r.amdahl().isEmpty());
    assertTrue(r.conclusion().startsWith("No Amdahl fit"));
    assertEquals(2, JSON.readTree(r.chart().toJson()).get("data").size());
    assertTrue(r.toString().contains("speed-up"));
  }

  @Test
  void studyRunsEveryWorkerCount() {
    List<Integer> seen = new ArrayList<>();
    SpeedupResult r = SpeedupStudy.of(workers -> {
      seen.add(workers);
      try (Pool pool = Pool.threads(workers)) {
        pool.map(x -> x * x, List.of(1, 2, 3, 4));
      }
    }).workers(3, 2).runs(1).warmups(0).run();
    assertEquals(List.of(1, 2, 3), seen);
    assertEquals(3, r.table().rowCount());
    assertEquals(1.0, r.speedups()[0]);
  }

  @Test
  void gettersGiveWhatItHoldsAsCopies() {
    SpeedupResult r = new SpeedupResult("m", 2, new int[] {1, 2}, new double[] {1.0, 0.5}, new double[] {0.1, Double.NaN}, Map.of("work", "w"));
    assertEquals("m", r.machine());
    assertArrayEquals(new int[] {1, 2}, r.workers());
    assertArrayEquals(new double[] {1.0, 0.5}, r.seconds());
    assertArrayEquals(new double[] {0.1, Double.NaN}, r.spreads());
    assertArrayEquals(new double[] {1.0, 2.0}, r.speedups());
    assertArrayEquals(new double[] {1.0, 1.0}, r.efficiencies());
    assertEquals(Map.of("work", "w"), r.notes());
    r.workers()[0] = 7;
    r.seconds()[0] = 7;
    assertEquals(1, r.workers()[0]);
    assertEquals(1.0, r.seconds()[0]);
    assertThrows(UnsupportedOperationException.class, () -> r.notes().clear());
    assertThrows(IllegalArgumentException.class, () -> SpeedupResult.of("m", 0, new int[] {1}, new double[] {1}));
  }

  @Test
  void spreadsShowWhereMeasuredAndBlankWhereNot() {
    var t = new SpeedupResult("m", 2, new int[] {1, 2}, new double[] {1.0, 0.5}, new double[] {0.1, Double.NaN}, Map.of()).table();
    assertEquals("± (ms)", t.column(2).name());
    assertEquals(100, t.doubleColumn("± (ms)").get(0), 1e-9);
    assertTrue(t.doubleColumn("± (ms)").isMissing(1));
  }

  @Test
  void noLimitFromASerialFractionWithinTheNoise() {
    // the recorded 2-core run: S(2) = 1.999, so s = 0.001 and 1 / s would be a meaningless 1000×
    SpeedupResult r = SpeedupResult.of("2 cores", 2, new int[] {1, 2, 3}, new double[] {0.3126, 0.1565, 0.161});
    assertEquals(0.001, r.amdahl().orElseThrow().serialFraction(), 0.0005);
    assertTrue(r.limit().isEmpty());
    assertEquals("Amdahl fit on ≤ 2 workers: serial fraction s = 0.001, within timing noise: no limit in sight", r.conclusion());
    // a perfect fit says no more
    assertTrue(SpeedupResult.of("ideal", 4, new int[] {1, 2, 4}, new double[] {4, 2, 1}).limit().isEmpty());
  }

  @Test
  void aMeasurableSerialFractionHasALimit() {
    assertEquals(10, recorded().limit().orElseThrow(), 1e-9);
    assertEquals("Amdahl fit on ≤ 4 workers: serial fraction s = 0.100, at most 10.0× faster", recorded().conclusion());
    // slower with more workers: s clamps to 1, no speed-up at all
    assertEquals(1, SpeedupResult.of("busy", 2, new int[] {1, 2}, new double[] {1, 1.1}).limit().orElseThrow(), 1e-9);
  }

  @Test
  void fitsOnTheWorkerCountsUpToTheCores() {
    // 6 cores, counts 1, 2, 4, 8: fitted on 1, 2 and 4
    SpeedupResult r = SpeedupResult.of("m", 6, new int[] {1, 2, 4, 8}, new double[] {8, 4.4, 2.6, 2.6});
    assertTrue(r.conclusion().startsWith("Amdahl fit on ≤ 4 workers:"), r.conclusion());
  }

  @Test
  void readsTheRecordedFile() throws IOException {
    SpeedupResult r = SpeedupResult.readCsv(RECORDED);
    assertEquals("2-core AMD EPYC VM (KVM), recorded 2026-11-25 with notebook 02-cpu-vs-core", r.machine());
    assertEquals(2, r.cores());
    assertEquals(List.of("jvm", "work", "conditions"), List.copyOf(r.notes().keySet()));
    assertArrayEquals(new int[] {1, 2, 3, 4}, r.workers());
    assertArrayEquals(new double[] {0.312775, 0.156487, 0.161127, 0.163241}, r.seconds());
    assertTrue(r.table().columnNames().stream().noneMatch(c -> c.startsWith("±")));
  }

  @Test
  void writesTheRecordedFormat(@TempDir Path dir) throws IOException {
    Path copy = dir.resolve("copy.csv");
    SpeedupResult.readCsv(RECORDED).writeCsv(copy);
    assertEquals(Files.readString(RECORDED), Files.readString(copy));
  }

  @Test
  void roundTripKeepsSpreadsMachineAndNotes(@TempDir Path dir) throws IOException {
    SpeedupResult r = new SpeedupResult("laptop", 4, new int[] {1, 2, 4}, new double[] {1.0, 0.52, 0.27},
        new double[] {0.01, Double.NaN, 0.003}, Map.of()).withMachine("my laptop, on battery").withNote("work", "darts: 1,000");
    Path file = dir.resolve("mine.csv");
    r.writeCsv(file);
    assertEquals("""
        # machine: my laptop, on battery
        # cores: 4
        # work: darts: 1,000
        workers,seconds,spread
        1,1.0,0.01
        2,0.52,
        4,0.27,0.003
        """, Files.readString(file));
    SpeedupResult back = SpeedupResult.readCsv(file);
    assertEquals(r.machine(), back.machine());
    assertEquals(r.cores(), back.cores());
    assertEquals(r.notes(), back.notes());
    assertArrayEquals(r.workers(), back.workers());
    assertArrayEquals(r.seconds(), back.seconds());
    assertArrayEquals(r.spreads(), back.spreads());
  }

  @Test
  void writesWholeNanoseconds(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("study.csv");
    new SpeedupResult("m", 1, new int[] {1}, new double[] {0.005089883999999999}, new double[] {0.0000188585378}, Map.of()).writeCsv(file);
    assertTrue(Files.readString(file).endsWith("\n1,0.005089884,1.8859E-5\n"), Files.readString(file));
  }

  @Test
  void readingNeedsTheMachineAndCores(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bare.csv");
    Files.writeString(file, "workers,seconds\n1,1.0\n");
    assertThrows(IllegalArgumentException.class, () -> SpeedupResult.readCsv(file));
  }

  @Test
  void overlayDrawsBothWithOneIdealAndEachOnesCores() throws IOException {
    SpeedupResult live = SpeedupResult.of("here", 1, new int[] {1, 2}, new double[] {1, 1.02});
    var chart = SpeedupResult.overlay("live", live, "recorded", recorded());
    JsonNode fig = JSON.readTree(chart.toJson());
    List<String> names = new ArrayList<>();
    fig.get("data").forEach(trace -> names.add(trace.get("name").asText()));
    assertEquals(List.of("live", "recorded", "Ideal"), names);
    assertEquals("[1.0,2.0]", fig.get("data").get(0).get("x").toString());
    assertEquals("[1.0,2.0,4.0,8.0]", fig.get("data").get(2).get("x").toString());
    List<String> lines = new ArrayList<>();
    fig.get("layout").get("annotations").forEach(a -> lines.add(a.get("text").asText()));
    assertEquals(List.of("1 core, live", "4 cores, recorded"), lines);
    assertTrue(fig.get("layout").get("title").get("text").asText().contains("recorded: test machine"));
    assertTrue(chart.data().doubleColumn("speed-up, live").isMissing(2), "live has no 4-worker run");
    // the same cores: one line
    assertEquals(1, JSON.readTree(SpeedupResult.overlay("a", recorded(), "b", recorded()).toJson())
        .get("layout").get("shapes").size());
  }
}

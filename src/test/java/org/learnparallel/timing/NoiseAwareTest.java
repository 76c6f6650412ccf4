package org.learnparallel.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.learnparallel.function.CheckedRunnable;

/** Interleaved repeats, medians, and the disturbance warning, with made-up CPU readings. */
class NoiseAwareTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A meter that returns these readings in turn: the study reads once before and once after. */
  private static OtherLoad.Meter readings(OtherLoad.Reading... rs) {
    Deque<OtherLoad.Reading> left = new ArrayDeque<>(List.of(rs));
    return left::poll;
  }

  // 2 processors for 10 s (20,000 ms of processor time): busy 12,000 ms of which this JVM 4,000 ms.
  private static final OtherLoad.Reading START = new OtherLoad.Reading(1_000, 5_000, 500);
  private static final OtherLoad.Reading BUSY_END = new OtherLoad.Reading(13_000, 25_000, 4_500);
  // the same 10 s with others taking 1,000 ms: 5 %
  private static final OtherLoad.Reading QUIET_END = new OtherLoad.Reading(6_000, 25_000, 4_500);

  private static String printed(Supplier<?> run) {
    PrintStream out = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      run.get();
    } finally {
      System.setOut(out);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void onlyTheProcessorsThisProcessMayUseAreCounted() {
    // Linux's Cpus_allowed_list, as taskset -c 0 or -c 0-2,5 leaves it
    assertEquals(java.util.BitSet.valueOf(new long[] {0b1}), OtherLoad.processorList("0"));
    assertEquals(java.util.BitSet.valueOf(new long[] {0b100111}), OtherLoad.processorList("0-2,5"));
    assertEquals(java.util.BitSet.valueOf(new long[] {0b1010}), OtherLoad.processorList("1,3"));
  }

  @Test
  void othersShareIsMachineBusyMinusThisProcessOverAllProcessorTime() {
    assertEquals(0.4, OtherLoad.share(START, BUSY_END), 1e-12); // (12,000 - 4,000) / 20,000
    assertEquals(0.05, OtherLoad.share(START, QUIET_END), 1e-12);
    // this JVM's clock and the machine's tick differently: never below 0
    assertEquals(0, OtherLoad.share(START, new OtherLoad.Reading(2_000, 25_000, 9_000)));
    assertTrue(Double.isNaN(OtherLoad.share(null, BUSY_END)), "a machine that cannot tell says nothing");
  }

  @Test
  void warnsFromTenPercentOfTheMachine() {
    assertFalse(OtherLoad.disturbed(0.099));
    assertTrue(OtherLoad.disturbed(0.10));
    assertFalse(OtherLoad.disturbed(Double.NaN), "not measured is not disturbed");
    assertEquals("other programs used 38 % of the CPU during this study: rerun on a quieter machine (no Amdahl fit on disturbed times)",
        OtherLoad.sentence(0.38));
    assertEquals("other programs used 5 % of the CPU during this study (quiet enough: under 10 %)", OtherLoad.sentence(0.05));
  }

  @Test
  void aStudyRunsItsWorkerCountsInterleaved() {
    List<Integer> order = Collections.synchronizedList(new ArrayList<>());
    SpeedupStudy study = SpeedupStudy.of(order::add).workers(2, 3).warmups(1).runs(3);
    String out = printed(() -> study.run(readings(START, QUIET_END)));
    assertEquals(List.of(1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3), order, "a warm-up round, then 3 measured rounds");
    assertTrue(out.contains("round 1 of 3: 1 worker "), out);
    assertTrue(out.contains("round 3 of 3: 1 worker "), out);
  }

  @Test
  void theMedianOfEachCountsRunsCounts() {
    // 1 worker sleeps 300, 3,000, 10 ms in its three rounds: median 300 ms (mean 1,103, last 10, min 10);
    // the bounds leave 700 ms for a sleep that overshoots on a busy machine (one overshot 111 ms of 100)
    Deque<Long> sleeps = new ArrayDeque<>(List.of(300L, 3_000L, 10L));
    SpeedupStudy study = SpeedupStudy.of(n -> Thread.sleep(n == 1 ? sleeps.pop() : 5)).workers(2).warmups(0).runs(3);
    SpeedupResult r = study.run(readings(START, QUIET_END));
    assertTrue(r.seconds()[0] >= 0.300 && r.seconds()[0] < 1.0, "the median, not the mean or the last: " + r.seconds()[0]);
  }

  @Test
  void aQuietStudyFitsAmdahlAndSaysItWasQuiet() {
    String[] result = new String[1];
    String out = printed(() -> {
      SpeedupResult r = SpeedupStudy.of(n -> Thread.sleep(20 / n)).workers(2).warmups(0).runs(1).run(readings(START, QUIET_END));
      result[0] = r.conclusion();
      assertFalse(r.disturbed());
      assertTrue(r.amdahl().isPresent() || r.cores() < 2);
      return r;
    });
    assertTrue(out.contains("other programs used 5 % of the CPU during this study (quiet enough"), out);
    assertFalse(result[0].contains("rerun"), result[0]);
  }

  @Test
  void aDisturbedStudyWarnsInItsOutputAndChartAndFitsNothing() throws Exception {
    SpeedupResult[] result = new SpeedupResult[1];
    String out = printed(() -> result[0] = SpeedupStudy.of(n -> Thread.sleep(20 / n)).workers(2).warmups(0).runs(1)
        .run(readings(START, BUSY_END)));
    SpeedupResult r = result[0];
    String warning = "other programs used 40 % of the CPU during this study: rerun on a quieter machine";
    assertTrue(out.contains(warning), out);
    assertTrue(r.disturbed());
    assertTrue(r.amdahl().isEmpty() && r.limit().isEmpty(), "no law fitted to disturbed times");
    assertTrue(r.conclusion().startsWith(warning), r.conclusion());
    JsonNode fig = JSON.readTree(r.chart().toJson());
    assertTrue(fig.get("layout").get("title").get("text").asText().contains(warning), "the warning under the chart's title");
    for (JsonNode trace : fig.get("data")) {
      assertFalse(trace.get("name").asText().startsWith("Amdahl"), "no Amdahl curve");
    }
    assertFalse(r.table().columnNames().contains("Amdahl"));
  }

  @Test
  void benchTimesEachWorkInterleavedAndWarnsInTheComparison() throws Exception {
    List<String> order = Collections.synchronizedList(new ArrayList<>());
    Map<String, CheckedRunnable> works = new LinkedHashMap<>();
    works.put("a", () -> order.add("a"));
    works.put("b", () -> order.add("b"));
    List<Timing>[] timings = new List[1];
    String out = printed(() -> timings[0] = Stopwatch.DEFAULT.warmups(1).runs(2).timeEach(works, readings(START, BUSY_END)));
    assertEquals(List.of("a", "b", "a", "b", "a", "b"), order);
    assertEquals(List.of("a", "b"), timings[0].stream().map(Timing::label).toList());
    assertEquals(0.4, timings[0].get(0).othersShare(), 1e-12);
    assertTrue(out.contains("other programs used 40 % of the CPU"), out);
    JsonNode fig = JSON.readTree(Bench.compare(timings[0]).toJson());
    assertTrue(fig.get("layout").get("title").get("text").asText().contains("rerun on a quieter machine"));
  }

  @Test
  void aStudyOnThisMachineMeasuresOthersShare() {
    SpeedupResult r = SpeedupStudy.of(n -> Thread.sleep(400)).workers(2).warmups(0).runs(1).run(); // OSHI: 0.3 s or more
    double share = r.othersShare();
    assertTrue(share >= 0 && share <= 1, "a share of the machine: " + share);
  }
}

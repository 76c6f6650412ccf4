package org.learnparallel.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimingTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Timing sample(String label) {
    return new Timing(label, new double[] {0.020, 0.015}, new double[] {0.012, 0.013, 0.011},
        new double[] {0.024, 0.026, 0.022}, new double[] {0.001, 0.001, 0.001});
  }

  @Test
  void summaryReadsLikeTimeit() {
    // wall: mean 120 ms, sample stddev 10 ms, median 120 ms, min 110 ms; CPU mean 240 ms = 2 × wall
    Timing t = new Timing("", new double[] {0.2, 0.15}, new double[] {0.12, 0.13, 0.11},
        new double[] {0.24, 0.26, 0.22}, new double[] {0.01, 0.01, 0.01});
    assertEquals("120 ms ± 10.0 ms per run (median 120 ms, min 110 ms; 3 runs, 2 warm-ups) · CPU 240 ms (2.00× wall)",
        t.toString());
  }

  @Test
  void summaryOfShortRunsLeavesOutTheCoarseCpuClock() {
    assertEquals("serial: 12.0 ms ± 1.00 ms per run (median 12.0 ms, min 11.0 ms; 3 runs, 2 warm-ups) · CPU n/a (under 100 ms in all)",
        sample("serial").summary());
  }

  @Test
  void summaryLeavesOutCpuTheJvmCannotMeasure() {
    Timing t = new Timing("", new double[0], new double[] {0.5}, new double[] {Double.NaN}, new double[] {Double.NaN});
    assertEquals("500 ms per run (median 500 ms, min 500 ms; 1 run, 0 warm-ups)", t.summary());
  }

  @Test
  void oneRunHasNoSpread() {
    Timing t = new Timing("", new double[0], new double[] {0.5}, new double[] {0.5}, new double[] {0.5});
    assertTrue(Double.isNaN(t.stddev()));
    assertTrue(Double.isNaN(t.wall().stddev()), "the same answer both ways");
    assertEquals("500 ms per run (median 500 ms, min 500 ms; 1 run, 0 warm-ups) · CPU 500 ms (1.00× wall)", t.summary());
  }

  @Test
  void aCpuClockThatDidNotTickMeasuredNothing() {
    // waiting work: the process clock (10 ms ticks) may read 0, which is not "no CPU time"
    Timing t = new Timing("", new double[0], new double[] {0.19, 0.21}, new double[] {0, 0}, new double[] {0, 0});
    assertTrue(Double.isNaN(t.cpu()));
    assertEquals("200 ms ± 14.1 ms per run (median 200 ms, min 190 ms; 2 runs, 0 warm-ups) · CPU n/a (under one tick of its clock)",
        t.summary());
  }

  @Test
  void samplesAreKeptAndImmutable() {
    Timing t = sample("");
    assertEquals(List.of(0.012, 0.013, 0.011), t.samples());
    assertEquals(List.of(0.020, 0.015), t.warmupSamples());
    assertThrows(UnsupportedOperationException.class, () -> t.samples().clear());
    assertEquals(0.011, t.min());
    assertEquals(0.001, t.threadCpu().mean(), 1e-15);
  }

  @Test
  void chartShowsWarmupsThenMeasuredRuns() throws IOException {
    JsonNode data = JSON.readTree(sample("x").chart().toJson()).get("data");
    assertEquals("warm-up", data.get(0).get("name").asText());
    assertEquals("[1.0,2.0]", data.get(0).get("x").toString());
    assertEquals("measured", data.get(1).get("name").asText());
    assertEquals("[3.0,4.0,5.0]", data.get(1).get("x").toString());
    assertEquals(13.0, data.get(1).get("y").get(1).asDouble(), 1e-9);
    assertEquals("median", data.get(2).get("name").asText());
    assertEquals("Every run: x<br><sub>median 12.0 ms over 3 runs, after 2 warm-ups</sub>",
        JSON.readTree(sample("x").chart().toJson()).get("layout").get("title").get("text").asText());
  }

  @Test
  void benchCountsRunsAndWarmups() {
    Timing t = Bench.runs(3).warmups(1).time("answer", () -> 42);
    assertEquals(3, t.samples().size());
    assertEquals(1, t.warmupSamples().size());
    assertTrue(t.min() >= 0);
    assertEquals("answer", t.label());
  }

  @Test
  void benchTimesVoidWork() {
    int[] calls = {0};
    Bench.runs(2).warmups(1).time(() -> {
      calls[0]++;
    });
    assertEquals(3, calls[0]);
  }

  @Test
  void failuresOfTheWorkReachTheCell() {
    ArithmeticException e = new ArithmeticException("/ by zero");
    assertSame(e, assertThrows(ArithmeticException.class, () -> Bench.time(() -> {
      throw e;
    })));
    IllegalStateException wrapped = assertThrows(IllegalStateException.class, () -> Bench.time(() -> {
      throw new IOException("disk full");
    }));
    assertEquals(IOException.class, wrapped.getCause().getClass());
    assertThrows(IllegalArgumentException.class, () -> Bench.runs(0));
  }

  @Test
  void compareBarsWallAndCpuWithSpeedupsOverTheFirst() throws IOException {
    Timing slow = new Timing("serial", new double[0], new double[] {0.12, 0.13, 0.11},
        new double[] {0.12, 0.13, 0.11}, new double[] {0.12, 0.13, 0.11});
    Timing fast = new Timing("parallel", new double[0], new double[] {0.006}, new double[] {0.012}, new double[] {0});
    var chart = Bench.compare(slow, fast);
    JsonNode data = JSON.readTree(chart.toJson()).get("data");
    assertEquals("wall time", data.get(0).get("name").asText());
    assertEquals("bar", data.get(0).get("type").asText());
    assertEquals("[\"serial\",\"parallel\"]", data.get(0).get("x").toString());
    assertEquals("[120.0,6.0]", data.get(0).get("y").toString());
    assertEquals(10.0, data.get(0).get("error_y").get("array").get(0).asDouble(), 1e-9);
    assertTrue(data.get(0).get("error_y").get("array").get(1).isNull(), "one run: no error bar rather than one of 0");
    assertEquals("CPU time", data.get(1).get("name").asText());
    // 6 ms in all is too short for the process CPU clock: no CPU bar rather than a wrong one
    assertTrue(data.get(1).get("y").get(1).isNull());
    assertEquals(20.0, chart.data().doubleColumn("speed-up vs serial").get(1), 1e-9);
    assertTrue(chart.toText().contains("speed-up: serial's median over each one's"), chart.toText());
  }

  @Test
  void compareLeavesOutCpuWhenNoTimingHasIt() throws IOException {
    var chart = Bench.compare(sample("loop"), sample("map"));
    JsonNode data = JSON.readTree(chart.toJson()).get("data");
    assertEquals(1, data.size(), "no empty CPU series");
    assertEquals("Wall time", chart.title());
    assertEquals(List.of("label", "wall median (ms)", "± (ms)", "speed-up vs loop"), chart.data().columnNames());
  }
}

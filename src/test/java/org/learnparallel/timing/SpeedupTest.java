package org.learnparallel.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.learnparallel.pool.Pool;

class SpeedupTest {
  private static final ObjectMapper JSON = new ObjectMapper();

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
    assertEquals(List.of("workers", "time (ms)", "± (ms)", "speed-up", "efficiency", "Ideal", "Amdahl"), t.columnNames());
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
}

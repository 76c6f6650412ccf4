package org.learnparallel.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.learnparallel.pool.Pool;

class TimelineTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void serialLoopRunsOnTheCallingThread() throws Exception {
    Timeline timeline = new Timeline();
    int sum = 0;
    for (int i = 0; i < 3; i++) {
      int x = i;
      sum += timeline.record("item " + x, () -> x * 10);
    }
    assertEquals(30, sum);
    List<Timeline.Span> spans = timeline.spans();
    assertEquals(List.of("item 0", "item 1", "item 2"), spans.stream().map(Timeline.Span::label).toList());
    assertEquals(0, spans.get(0).start(), "times count from the first task's start");
    for (Timeline.Span s : spans) {
      assertEquals(Thread.currentThread().getName(), s.worker());
      assertTrue(s.start() >= 0 && s.end() >= s.start());
    }
    assertTrue(timeline.toString().startsWith("3 tasks on 1 thread, "));
  }

  @Test
  void trackedPoolTasksShowTheirWorkers() throws Exception {
    Timeline timeline = new Timeline();
    try (Pool pool = Pool.threads(2)) {
      assertEquals(List.of(1, 4, 9, 16), pool.map(timeline.track(x -> x * x), List.of(1, 2, 3, 4), 1));
    }
    List<Timeline.Span> spans = timeline.spans();
    assertEquals(4, spans.size());
    assertTrue(spans.stream().allMatch(s -> s.worker().startsWith("pool-")));
    assertEquals(4, timeline.summary().intColumn("tasks").sum());

    JsonNode data = JSON.readTree(timeline.chart().toJson()).get("data");
    int bars = 0;
    for (JsonNode trace : data) {
      assertEquals("bar", trace.get("type").asText());
      assertEquals("h", trace.get("orientation").asText());
      assertEquals(trace.get("base").size(), trace.get("x").size());
      assertEquals(trace.get("name").asText(), trace.get("y").get(0).asText());
      bars += trace.get("x").size();
    }
    assertEquals(4, bars);
  }

  @Test
  void spansTimedElsewhereCountFromTheirOwnFirstStart() {
    Timeline timeline = new Timeline();
    // epoch seconds, as a Spark listener reports its tasks
    timeline.add(new Timeline.Span("partition 1", "executor 1", 1_700_000_000.5, 1_700_000_001.0));
    timeline.add(new Timeline.Span("partition 0", "executor 0", 1_700_000_000.0, 1_700_000_000.5));
    assertEquals(List.of(new Timeline.Span("partition 0", "executor 0", 0.0, 0.5),
        new Timeline.Span("partition 1", "executor 1", 0.5, 1.0)), timeline.spans());
    assertEquals(Duration.ofSeconds(1), timeline.wall());
  }

  @Test
  void wallSpansFromTheFirstStartToTheLastEnd() throws Exception {
    assertEquals(Duration.ZERO, new Timeline().wall());
    Timeline timeline = new Timeline();
    for (int i = 0; i < 3; i++) {
      timeline.record("item " + i, () -> Thread.sleep(1));
    }
    List<Timeline.Span> spans = timeline.spans();
    assertEquals(Math.round(spans.get(2).end() * 1e9), timeline.wall().toNanos());
    assertTrue(timeline.toString().contains(", " + Units.duration(spans.get(2).end()) + "\n"));
  }

  @Test
  void rowsComeInTheOrderTheirThreadsFirstStarted() throws Exception {
    Timeline timeline = new Timeline();
    // "thread-b" starts first and joins before "thread-a" starts: by name, a would be the top row
    for (String name : List.of("thread-b", "thread-a")) {
      Thread t = new Thread(() -> {
        try {
          timeline.record(name, () -> Thread.sleep(1));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }, name);
      t.start();
      t.join();
    }
    assertEquals(List.of("thread-b", "thread-a"), traceNames(timeline));
    assertEquals(List.of("thread-b", "thread-a"), timeline.summary().stringColumn("thread").asList());
  }

  @Test
  void titleCountsTheRowsAsThreads() throws Exception {
    // a pre-step on the calling thread, then a pool: the calling thread is a row but not a pool worker
    Timeline timeline = new Timeline();
    timeline.record("pre-step", () -> Thread.sleep(1));
    try (Pool pool = Pool.threads(2)) {
      pool.map(timeline.track(x -> x), List.of(1, 2, 3, 4), 1);
    }
    List<String> rows = traceNames(timeline);
    assertEquals(Thread.currentThread().getName(), rows.get(0), "the pre-step started first: the top row");
    String expected = "5 tasks on " + rows.size() + " threads, ";
    assertTrue(timeline.toString().startsWith(expected), timeline.toString());
    assertTrue(timeline.chart().title().startsWith(expected), timeline.chart().title());
  }

  private static List<String> traceNames(Timeline timeline) throws Exception {
    List<String> names = new ArrayList<>();
    JSON.readTree(timeline.chart().toJson()).get("data").forEach(trace -> names.add(trace.get("name").asText()));
    return names;
  }

  @Test
  void failingTaskIsRecordedToo() {
    Timeline timeline = new Timeline();
    try {
      timeline.record("boom", () -> {
        throw new IllegalStateException("boom");
      });
    } catch (Exception expected) {
      // the span is what this test is about
    }
    assertEquals("boom", timeline.spans().get(0).label());
  }
}

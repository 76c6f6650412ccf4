package org.learnparallel.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordedRunTest {
  private static final String RUN = """
      # machine: a test machine
      # recorded: today
      ## cluster
      Master and 2 Workers started in 10 ms
      ## timeline timeline
      label,worker,start_s,end_s
      partition 0,executor 0,0.000,0.200
      partition 1,executor 1,0.010,0.190
      partition 2,executor 0,0.200,0.400
      """;

  @Test
  void readsWhatEachCellPrintedAndItsTimeline(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("run.txt"), RUN);
    RecordedRun run = RecordedRun.read(file.toString());
    assertEquals("machine: a test machine\nrecorded: today", run.about());
    assertEquals("Master and 2 Workers started in 10 ms\n", run.printed("cluster"));
    var spans = run.timeline("timeline").spans();
    assertEquals(List.of("partition 0", "partition 1", "partition 2"), spans.stream().map(s -> s.label()).toList());
    assertEquals(List.of("executor 0", "executor 1", "executor 0"), spans.stream().map(s -> s.worker()).toList());
    assertEquals(0.4, spans.get(2).end(), 1e-9);

    PrintStream out = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true));
    try {
      run.print("cluster");
    } finally {
      System.setOut(out);
    }
    assertEquals("(recorded run, run.txt)\nMaster and 2 Workers started in 10 ms\n", printed.toString());
  }

  @Test
  void aMissingSectionOrFileIsAClearError(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("run.txt"), RUN);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RecordedRun.read(file.toString()).printed("wordcount"));
    assertTrue(e.getMessage().endsWith("has no section \"## wordcount\"; it has [cluster, timeline timeline]"), e.getMessage());
    assertThrows(UncheckedIOException.class, () -> RecordedRun.read(dir.resolve("missing.txt").toString()));
  }
}

package org.learnparallel.machine.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tracking reader lists the descendants seldom, yet counts every one: a child started after its
 * last listing once it lists again, and a child that ended through this JVM's waited-for time.
 * (Workers of a process pool: {@code WorkerProcessesCpuTest}, {@code CpuMeterTest}.)
 */
class ProcessTreeCpuTest {
  private static final long TICK = 10_000_000; // USER_HZ 100: /proc counts in 10 ms ticks

  @Test
  void aChildStartedAfterTheFirstListingCountsFromTheNextOnAndAfterItEnds() throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "Linux only: elsewhere ended children are missed");
    try (ProcessTreeCpu tree = ProcessTreeCpu.tracking(Duration.ofHours(1))) {
      long before = tree.read(); // the first listing: no child yet
      Process child = new ProcessBuilder("sh", "-c", "i=0; while [ $i -lt 400000 ]; do i=$((i+1)); done").start();
      long childSoFar = 0;
      for (long end = System.nanoTime() + 10_000_000_000L; childSoFar == 0 && System.nanoTime() < end; ) {
        Thread.sleep(20); // until it has run a clock tick, however busy the machine
        childSoFar = cpuNanos(child);
      }
      assertTrue(childSoFar > 0, "the child ran within 10 s");
      long listed = tree.readListed();
      assertTrue(listed - before >= childSoFar - TICK,
          "a new listing counts the running child: " + (listed - before) / 1e6 + " ms of its " + childSoFar / 1e6 + " ms");
      long last = childSoFar;
      while (child.isAlive()) {
        last = Math.max(last, cpuNanos(child));
        Thread.sleep(20);
      }
      child.waitFor();
      long after = tree.read(); // its file now reads as an error: its time is this JVM's waited-for time
      assertTrue(after - before >= last - TICK,
          "the ended child still counts: " + (after - before) / 1e6 + " ms of its " + last / 1e6 + " ms");
      long whole = ProcessTreeCpu.nanos();
      assertTrue(Math.abs(whole - tree.read()) < 50 * TICK, "a tracking reading agrees with a fresh one: "
          + whole / 1e6 + " ms against " + tree.read() / 1e6 + " ms");
    }
  }

  private static long cpuNanos(Process p) {
    return p.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }

  @Test
  void procFilesParseTheirNumbersInPlace(@TempDir Path dir) throws IOException {
    Path stat = dir.resolve("stat");
    // a command name with spaces and a parenthesis, as /proc/<pid>/stat may hold
    Files.writeString(stat, "4242 (my (odd) cmd) S 1 4242 4242 0 -1 4194560 100 0 0 0 17 5 3 2 20 0 1 0 999\n");
    try (ProcFile file = ProcFile.open(stat.toString())) {
      long[] f = file.read().numbers(file.afterCommand(), new long[15]);
      assertArrayEquals(new long[] {0, 1, 4242, 4242, 0, 0, 4194560, 100, 0, 0, 0, 17, 5, 3, 2}, f,
          "fields 3 (state: 0) to 17; -1 reads 0");
      Files.writeString(stat, "1 (x) R 0 0 0 0 0 0 0 0 0 0 99 1 0 0 20\n");
      assertEquals(99, file.read().numbers(file.afterCommand(), new long[15])[11],
          "read anew from the start: a /proc file's content is made afresh for each read");
    }
    assertThrows(IOException.class, () -> ProcFile.open(dir.resolve("gone").toString()));
  }
}

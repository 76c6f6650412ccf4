package org.learnparallel.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.learnparallel.machine.internal.ProcFile;
import org.learnparallel.pool.Pool;
import org.learnparallel.timing.WorkerProcessesCpuTest;

/**
 * The live view's CPU bars: every reading four times a second is a fresh one, and they count a
 * process pool's workers as this kernel's share, not other programs' (judged against what the
 * workers say they used, so other programs change nothing).
 */
class CpuMeterTest {

  @Test
  void readingsAQuarterSecondApartEachSeeTheProcessorsTimeMove() throws InterruptedException {
    assumeTrue(Files.isReadable(Path.of("/proc/stat")), "Linux: elsewhere OSHI's readings are kept 0.3 s");
    try (CpuMeter meter = new CpuMeter()) {
      CpuMeter.Reading previous = meter.read();
      for (int i = 0; i < 4; i++) { // OSHI's processor ticks, kept for 0.3 s, repeated every other one
        Thread.sleep(250);
        CpuMeter.Reading now = meter.read();
        assertTrue(CpuMeter.advanced(previous, now), "reading " + (i + 1) + " repeated the one before it");
        previous = now;
      }
    }
  }

  @Test
  void procStatGivesBusyAndIdleTicksPerProcessor(@TempDir Path dir) throws IOException {
    Path stat = dir.resolve("stat");
    Files.writeString(stat, """
        cpu  300 10 100 5000 40 0 6 0 50 0
        cpu0 200 10 50 2000 30 0 5 0 50 0
        cpu1 100 0 50 3000 10 0 1 0 0 0
        intr 123456 0 9 0 0
        ctxt 987654
        """);
    try (ProcFile file = ProcFile.open(stat.toString())) {
      long[][] ticks = CpuMeter.procStat(file.read(), new long[9]);
      // busy: user, nice, system, irq, softirq, steal (guest is in user already); idle: idle + iowait
      assertArrayEquals(new long[][] {{265, 2030}, {151, 3010}}, ticks);
    }
  }

  @Test
  void workerProcessesAreThisKernelsShare() {
    try (CpuMeter meter = new CpuMeter(); Pool pool = Pool.processes(2)) {
      pool.map(x -> x, List.of(1, 2)); // the workers are up
      CpuMeter.Reading before = meter.read();
      long workersNanos = pool.map(WorkerProcessesCpuTest::spin, List.of(500L, 500L)).stream()
          .mapToLong(Long::longValue).sum();
      CpuMeter.Reading after = meter.read();
      assertTrue(after.mineNanos() - before.mineNanos() >= 0.9 * workersNanos,
          "this kernel's CPU (" + (after.mineNanos() - before.mineNanos()) / 1_000_000 + " ms) holds its workers' ("
              + workersNanos / 1_000_000 + " ms)");
      CpuShares shares = CpuMeter.between(before, after);
      double wall = (after.nanoTime() - before.nanoTime()) / 1e9;
      double workersShare = workersNanos / 1e9 / wall / shares.busy().length; // of the whole machine
      double busy = shares.mineOverall() + shares.othersOverall();
      // the bars give the workers' CPU to this kernel as far as the processors were seen busy at all
      assertTrue(shares.mineOverall() >= Math.min(0.9 * workersShare, busy) - 1e-9,
          "this kernel's share " + shares.mineOverall() + " leaves out its workers' " + workersShare);
    }
  }
}

package org.learnparallel.live;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.learnparallel.pool.Pool;
import org.learnparallel.timing.WorkerProcessesCpuTest;

/**
 * The live view's CPU bars count a process pool's workers as this kernel's share, not other
 * programs': judged against what the workers say they used, so other programs change nothing.
 */
class CpuMeterTest {

  @Test
  void workerProcessesAreThisKernelsShare() {
    CpuMeter meter = new CpuMeter();
    try (Pool pool = Pool.processes(2)) {
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

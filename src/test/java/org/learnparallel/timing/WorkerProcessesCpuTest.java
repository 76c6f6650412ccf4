package org.learnparallel.timing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.learnparallel.pool.Pool;

/**
 * A process pool's workers are this kernel's work: the other-programs figure of the studies must
 * not count them. Judged against what the workers say they used, not against a fixed threshold, so
 * that other programs busy on the machine during the test change nothing. (The live view's CPU
 * bars: {@code org.learnparallel.live.CpuMeterTest}, with {@link #spin}.)
 */
public class WorkerProcessesCpuTest {
  private static final List<Long> HALF_SECONDS = List.of(500L, 500L);

  /** Keeps a worker's CPU busy for {@code millis} of CPU time (not wall time) and returns the CPU nanoseconds used. */
  public static long spin(long millis) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long start = threads.getCurrentThreadCpuTime();
    long used = 0;
    while (used < millis * 1_000_000) {
      used = threads.getCurrentThreadCpuTime() - start;
    }
    return used;
  }

  @Test
  void runningWorkersCountAsThisKernels() {
    try (Pool pool = Pool.processes(2)) {
      pool.map(x -> x, List.of(1, 2)); // the workers are up: their start-up is outside the readings
      OtherLoad.Reading before = OtherLoad.MACHINE.read();
      long workersNanos = pool.map(WorkerProcessesCpuTest::spin, HALF_SECONDS).stream().mapToLong(Long::longValue).sum();
      OtherLoad.Reading after = OtherLoad.MACHINE.read(); // the workers are still running
      assertCounted(before, after, workersNanos);
    }
  }

  @Test
  void endedWorkersStillCountAsThisKernels() {
    OtherLoad.Reading before;
    long workersNanos;
    try (Pool pool = Pool.processes(2)) {
      pool.map(x -> x, List.of(1, 2));
      before = OtherLoad.MACHINE.read();
      workersNanos = pool.map(WorkerProcessesCpuTest::spin, HALF_SECONDS).stream().mapToLong(Long::longValue).sum();
    } // closed: the workers have exited
    assertCounted(before, OtherLoad.MACHINE.read(), workersNanos);
  }

  private static void assertCounted(OtherLoad.Reading before, OtherLoad.Reading after, long workersNanos) {
    assertTrue(before != null && after != null, "OSHI reads this machine");
    double workersMs = workersNanos / 1e6;
    long ownMs = after.ownMs() - before.ownMs();
    assertTrue(ownMs >= 0.9 * workersMs,
        "this kernel's CPU time between the readings (" + ownMs + " ms) holds its workers' (" + Math.round(workersMs) + " ms)");
    double total = after.totalMs() - before.totalMs();
    double busyShare = (after.busyMs() - before.busyMs()) / total;
    double others = OtherLoad.share(before, after);
    assertTrue(others <= Math.max(0, busyShare - 0.9 * workersMs / total) + 1e-9,
        "other programs' share " + others + " leaves out the workers' " + workersMs / total + " (machine busy " + busyShare + ")");
  }
}

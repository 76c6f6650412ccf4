package org.learnparallel.live;

import org.learnparallel.machine.internal.ProcessTreeCpu;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.CentralProcessor.TickType;

/**
 * Reads, from OSHI, the busy and idle time of every logical processor, and the CPU time of this JVM
 * and of the processes it started (a process pool's workers, running or ended: {@link
 * ProcessTreeCpu}). One reading costs a read of {@code /proc/stat}, a scan of the process list and
 * a read of each descendant's {@code /proc/<pid>/stat} on Linux: about a millisecond, four times a
 * second.
 */
final class CpuMeter {
  private static final SystemInfo SYSTEM = new SystemInfo();
  private static final CentralProcessor CPU = SYSTEM.getHardware().getProcessor();

  /** One reading: per processor {busy, idle} in ms, this kernel's CPU in ns, when. */
  record Reading(long[][] ticks, long mineNanos, long nanoTime) {}

  /** Finds the processors now (OSHI takes a second or two the first time), not during a call. */
  static void prepare() {
    CPU.getLogicalProcessorCount();
  }

  Reading read() {
    long[][] raw = CPU.getProcessorCpuLoadTicks();
    long[][] ticks = new long[raw.length][];
    for (int i = 0; i < raw.length; i++) {
      long[] t = raw[i];
      long idle = t[TickType.IDLE.getIndex()] + t[TickType.IOWAIT.getIndex()];
      long all = 0;
      for (long v : t) {
        all += v;
      }
      ticks[i] = new long[] {all - idle, idle};
    }
    return new Reading(ticks, Math.max(0, ProcessTreeCpu.nanos()), System.nanoTime());
  }

  static CpuShares between(Reading a, Reading b) {
    return CpuShares.between(a.ticks(), b.ticks(), (b.mineNanos() - a.mineNanos()) / 1e9,
        (b.nanoTime() - a.nanoTime()) / 1e9);
  }
}

package org.learnparallel.live;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.CentralProcessor.TickType;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * Reads, from OSHI, the busy and idle time of every logical processor, and the CPU time of this JVM
 * and of its child processes (a process pool's workers). One reading costs a read of
 * {@code /proc/stat} and of each child's {@code /proc/<pid>/stat} on Linux: well under a
 * millisecond, four times a second. Not thread-safe: one meter per live view.
 */
final class CpuMeter {
  private static final SystemInfo SYSTEM = new SystemInfo();
  private static final CentralProcessor CPU = SYSTEM.getHardware().getProcessor();
  private static final OperatingSystem OS = SYSTEM.getOperatingSystem();

  /** One reading: per processor {busy, idle} in ms, this kernel's CPU in ns, when. */
  record Reading(long[][] ticks, long mineNanos, long nanoTime) {}

  /** Finds the processors now (OSHI takes a second or two the first time), not during a call. */
  static void prepare() {
    CPU.getLogicalProcessorCount();
  }

  private final Map<Integer, Long> childNanos = new HashMap<>(); // last CPU time seen per child pid
  private long childrenTotal; // CPU time of children, including those that ended since

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
    return new Reading(ticks, ownNanos() + childrenNanos(), System.nanoTime());
  }

  static CpuShares between(Reading a, Reading b) {
    return CpuShares.between(a.ticks(), b.ticks(), (b.mineNanos() - a.mineNanos()) / 1e9,
        (b.nanoTime() - a.nanoTime()) / 1e9);
  }

  private static long ownNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : 0;
  }

  // Children only when there are some: a thread pool's view reads no more than /proc/stat.
  private long childrenNanos() {
    ProcessHandle.current().children().forEach(child -> {
      OSProcess p = OS.getProcess((int) child.pid());
      if (p != null) {
        long nanos = (p.getUserTime() + p.getKernelTime()) * 1_000_000L;
        Long before = childNanos.put((int) child.pid(), nanos);
        childrenTotal += nanos - (before == null ? 0 : before);
      }
    });
    return childrenTotal;
  }
}

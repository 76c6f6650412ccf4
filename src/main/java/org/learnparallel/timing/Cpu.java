package org.learnparallel.timing;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;

/** CPU-time clocks; each returns -1 where the JVM cannot measure it. */
final class Cpu {
  private static final OperatingSystemMXBean OS = ManagementFactory.getOperatingSystemMXBean();
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private Cpu() {}

  /** CPU time of all this process's threads (work, JIT and GC alike), in nanoseconds. */
  static long processNanos() {
    return OS instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
  }

  /** CPU time of the calling thread only, in nanoseconds. */
  static long threadNanos() {
    return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
  }

  /** {@code to - from} in seconds, or NaN if either clock reading failed. */
  static double seconds(long from, long to) {
    return from < 0 || to < 0 ? Double.NaN : (to - from) / 1e9;
  }
}

package org.learnparallel.machine.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import oshi.SystemInfo;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;
import oshi.software.os.linux.LinuxOperatingSystem;

/**
 * The CPU time of this JVM and of every process it started, directly or not, running or ended: a
 * process pool's workers are this kernel's work, not other programs'. Between two readings the
 * difference is what this process tree used, also when workers start or end in between.
 *
 * <pre>{@code
 * long before = ProcessTreeCpu.nanos();
 * try (Pool pool = Pool.processes(2)) { pool.map(x -> x * x, List.of(1, 2, 3)); }
 * double cpuSeconds = (ProcessTreeCpu.nanos() - before) / 1e9; // this JVM's and its two workers'
 * }</pre>
 *
 * <p>On Linux every figure comes from {@code /proc}: this JVM's own time, plus the time of the
 * children it has waited for ({@code cutime + cstime}: the JDK waits for every process it starts,
 * and a child's own waited-for children are in its figure), plus, for each descendant still running,
 * its own time and that of the children it has waited for. A process thus counts once: while it
 * runs, in its own figure; after, in its parent's. Elsewhere only running descendants are added
 * (OSHI), so the time of workers that ended between two readings is missed there.
 */
public final class ProcessTreeCpu {
  private static final Path PROC = Path.of("/proc");
  private static final boolean LINUX = Files.isReadable(PROC.resolve("self/stat"));

  private ProcessTreeCpu() {}

  /** The CPU time of this JVM and its descendants in nanoseconds, or -1 where the JVM cannot tell its own. */
  public static long nanos() {
    if (!(ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)) {
      return -1;
    }
    long own = os.getProcessCpuTime();
    if (own < 0) {
      return -1;
    }
    return own + (LINUX ? linuxDescendantsNanos() : otherDescendantsNanos());
  }

  private static long linuxDescendantsNanos() {
    long ticks = waitedForTicks("self"); // first: a child that ends meanwhile is missed once, never counted twice
    ticks += ProcessHandle.current().descendants()
        .mapToLong(p -> ownTicks(String.valueOf(p.pid())) + waitedForTicks(String.valueOf(p.pid())))
        .sum();
    return ticks * (1_000_000_000L / Hz.TICKS_PER_SECOND);
  }

  // utime + stime (fields 14, 15 of /proc/<pid>/stat); 0 for a process gone since it was listed
  private static long ownTicks(String pid) {
    String[] f = statFields(pid);
    return f == null ? 0 : Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  // cutime + cstime (fields 16, 17): the children this process has waited for
  private static long waitedForTicks(String pid) {
    String[] f = statFields(pid);
    return f == null ? 0 : Long.parseLong(f[13]) + Long.parseLong(f[14]);
  }

  // The fields after the command name, which may hold spaces and parentheses: f[0] is field 3 (state).
  private static String[] statFields(String pid) {
    try {
      String stat = Files.readString(PROC.resolve(pid).resolve("stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    } catch (IOException | RuntimeException gone) {
      return null;
    }
  }

  private static long otherDescendantsNanos() {
    try {
      OperatingSystem os = Oshi.OS;
      return ProcessHandle.current().descendants().mapToLong(p -> {
        OSProcess op = os.getProcess((int) p.pid());
        return op == null ? 0 : (op.getUserTime() + op.getKernelTime()) * 1_000_000L;
      }).sum();
    } catch (RuntimeException | LinkageError noOshi) {
      return 0;
    }
  }

  // Holder idioms: each looked up on first use only, and once.
  private static final class Hz {
    static final long TICKS_PER_SECOND = ticksPerSecond();

    private static long ticksPerSecond() {
      try {
        long hz = LinuxOperatingSystem.getHz();
        return hz > 0 ? hz : 100;
      } catch (RuntimeException | LinkageError e) {
        return 100; // USER_HZ on every Linux the JDK runs on
      }
    }
  }

  private static final class Oshi {
    static final OperatingSystem OS = new SystemInfo().getOperatingSystem();
  }
}

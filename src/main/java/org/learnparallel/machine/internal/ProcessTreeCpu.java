package org.learnparallel.machine.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
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
 *
 * try (ProcessTreeCpu tree = ProcessTreeCpu.tracking(Duration.ofSeconds(1))) { // read 4 times a second
 *   long now = tree.read();                                                      // lists processes once a second
 * }
 * }</pre>
 *
 * <p>On Linux every figure comes from {@code /proc}: this JVM's own time, plus the time of the
 * children it has waited for ({@code cutime + cstime}: the JDK waits for every process it starts,
 * and a child's own waited-for children are in its figure), plus, for each descendant still running,
 * its own time and that of the children it has waited for. A process thus counts once: while it
 * runs, in its own figure; after, in its parent's. Elsewhere only running descendants are added
 * (OSHI), so the time of workers that ended between two readings is missed there.
 *
 * <p>Finding the descendants means reading every process's {@code /proc/<pid>/stat} (about 80 on
 * a quiet desktop, thousands on a shared server): most of a reading's cost. {@link #tracking}
 * does it at most once per period, and only if a process was started on the machine since, and in
 * between reads only the descendants it found (their {@link ProcFile}s kept open). A descendant
 * started since the last listing is counted from the next one on, with all the time it used so
 * far: the total stays right, only its spread over the readings shifts.
 */
public final class ProcessTreeCpu implements AutoCloseable {
  private static final boolean LINUX = Files.isReadable(Path.of("/proc/self/stat"));

  private final long listEvery;
  private long listedAt;
  private boolean listed;
  private long lastPidListed = -1; // the newest pid on the machine when last listed; -1 if unknown
  private ProcFile loadavg;
  private long[] pids = {}; // the descendants at the last listing
  private ProcFile self; // Linux only, as those below
  private final Map<Long, ProcFile> stats = new HashMap<>(); // of the descendants still readable
  private final long[] fields = new long[15]; // fields 3 to 17 of a stat

  private ProcessTreeCpu(long listEveryNanos) {
    this.listEvery = listEveryNanos;
  }

  /** The CPU time of this JVM and its descendants in nanoseconds, or -1 where the JVM cannot tell its own. */
  public static long nanos() {
    try (ProcessTreeCpu tree = new ProcessTreeCpu(0)) {
      return tree.readListed();
    }
  }

  /**
   * For repeated readings from one thread: lists this JVM's descendants at the first reading, then
   * again only when due (see {@link #read()}) or on {@link #readListed()}. Keeps the files it reads
   * open until {@link #close()}.
   */
  public static ProcessTreeCpu tracking(Duration listEvery) {
    return new ProcessTreeCpu(listEvery.toNanos());
  }

  /**
   * The figure of {@link #nanos()}, with the descendants listed when due: when {@code listEvery}
   * has passed and, on Linux, a process or thread was started anywhere on the machine since the
   * last listing (the newest pid in {@code /proc/loadavg} changed), without which no descendant
   * can have appeared.
   */
  public long read() {
    return read(!listed || (System.nanoTime() - listedAt >= listEvery && lastPid() != lastPidListed));
  }

  /** The figure of {@link #nanos()}, with the descendants listed now: exact also for those started just before. */
  public long readListed() {
    return read(true);
  }

  private long read(boolean list) {
    if (!(ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)) {
      return -1;
    }
    long own = os.getProcessCpuTime();
    if (own < 0) {
      return -1;
    }
    // this JVM's waited-for children first: a child that ends meanwhile is missed once, never counted twice
    long waited = LINUX ? waitedForTicks() : 0;
    if (list) {
      lastPidListed = LINUX ? lastPid() : -1; // first: a process started during the listing is listed next time
      pids = ProcessHandle.current().descendants().mapToLong(ProcessHandle::pid).toArray();
      listed = true;
      listedAt = System.nanoTime();
    }
    return own + (LINUX ? (waited + descendantsTicks(list)) * (1_000_000_000L / Hz.TICKS_PER_SECOND) : otherDescendantsNanos());
  }

  // The pid the machine gave last (field 5 of /proc/loadavg), or -2 where unknown: never equal to the last listing's.
  private long lastPid() {
    try {
      if (loadavg == null) {
        loadavg = ProcFile.open("/proc/loadavg");
      }
      long pid = loadavg.read().numbers(0, new long[5])[4];
      return pid > 0 ? pid : -2;
    } catch (IOException e) {
      return -2;
    }
  }

  // cutime + cstime of this JVM (fields 16, 17): the children it has waited for
  private long waitedForTicks() {
    try {
      if (self == null) {
        self = ProcFile.open("/proc/self/stat");
      }
      long[] f = self.read().numbers(self.afterCommand(), fields);
      return f[13] + f[14];
    } catch (IOException e) {
      return 0;
    }
  }

  // Each running descendant's utime + stime + cutime + cstime (fields 14 to 17). A descendant
  // that has ended (and been waited for) reads as an error: its time is in its parent's figure.
  private long descendantsTicks(boolean listedNow) {
    if (listedNow) {
      stats.keySet().removeIf(pid -> {
        boolean gone = Arrays.stream(pids).noneMatch(p -> p == pid);
        if (gone) {
          closeQuietly(stats.get(pid));
        }
        return gone;
      });
      for (long pid : pids) {
        if (!stats.containsKey(pid)) {
          try {
            stats.put(pid, ProcFile.open("/proc/" + pid + "/stat"));
          } catch (IOException ended) {
            // not counted: it ended since it was listed
          }
        }
      }
    }
    long ticks = 0;
    for (Iterator<ProcFile> it = stats.values().iterator(); it.hasNext(); ) {
      ProcFile stat = it.next();
      try {
        long[] f = stat.read().numbers(stat.afterCommand(), fields);
        ticks += f[11] + f[12] + f[13] + f[14];
      } catch (IOException ended) {
        closeQuietly(stat);
        it.remove();
      }
    }
    return ticks;
  }

  /** Closes the files it kept open. */
  @Override
  public void close() {
    closeQuietly(self);
    closeQuietly(loadavg);
    stats.values().forEach(ProcessTreeCpu::closeQuietly);
    stats.clear();
  }

  private static void closeQuietly(ProcFile file) {
    try {
      if (file != null) {
        file.close();
      }
    } catch (IOException e) {
      // a read-only file: nothing was lost
    }
  }

  private long otherDescendantsNanos() {
    try {
      OperatingSystem os = Oshi.OS;
      long nanos = 0;
      for (long pid : pids) {
        OSProcess p = os.getProcess((int) pid);
        nanos += p == null ? 0 : (p.getUserTime() + p.getKernelTime()) * 1_000_000L;
      }
      return nanos;
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

package org.learnparallel.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.learnparallel.machine.internal.ProcFile;
import org.learnparallel.machine.internal.ProcessTreeCpu;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.CentralProcessor.TickType;

/**
 * Reads the busy and idle time of every logical processor, and the CPU time of this JVM and of the
 * processes it started (a process pool's workers, running or ended: {@link ProcessTreeCpu}). One
 * meter serves one live view's thread.
 *
 * <p>On Linux the processors' times come from {@code /proc/stat} directly: OSHI keeps its reading
 * for 0.3 s, so every other reading four times a second would repeat the last one and draw idle
 * bars. The process tree is listed at most once a second ({@link #LIST_EVERY}: when a process was
 * started on the machine since) and on the final reading; in between only this JVM's and its known
 * descendants' {@code /proc/<pid>/stat} are read. Those files stay open until {@link #close()}
 * ({@link ProcFile}). So a reading costs a few small reads, not a file opened per process on the
 * machine.
 */
final class CpuMeter implements AutoCloseable {
  static final Duration LIST_EVERY = Duration.ofSeconds(1);
  private static final boolean LINUX = Files.isReadable(Path.of("/proc/stat"));

  private final ProcessTreeCpu tree = ProcessTreeCpu.tracking(LIST_EVERY);
  private final long[] fields = new long[9]; // a cpuN line: its name, then 8 times
  private ProcFile procStat; // opened on the first reading, on Linux

  /** One reading: per processor {busy, idle} in clock ticks, this kernel's CPU in ns, when. */
  record Reading(long[][] ticks, long mineNanos, long nanoTime) {}

  /**
   * Reads once now, so that no call pays for the first time: OSHI takes a second or two to find the
   * processors (where there is no {@code /proc/stat}) and the clock-tick rate.
   */
  static void prepare() {
    try (CpuMeter meter = new CpuMeter()) {
      meter.read();
    }
  }

  /** A reading now. */
  Reading read() {
    return new Reading(ticks(), Math.max(0, tree.read()), System.nanoTime());
  }

  /** A reading now that also counts the processes started since the last listing: for a call's final frame. */
  Reading readListed() {
    return new Reading(ticks(), Math.max(0, tree.readListed()), System.nanoTime());
  }

  /** Whether any processor's clock moved between the readings (OSHI's, elsewhere, may not have). */
  static boolean advanced(Reading a, Reading b) {
    for (int i = 0; i < Math.min(a.ticks().length, b.ticks().length); i++) {
      if (b.ticks()[i][0] + b.ticks()[i][1] > a.ticks()[i][0] + a.ticks()[i][1]) {
        return true;
      }
    }
    return false;
  }

  static CpuShares between(Reading a, Reading b) {
    return CpuShares.between(a.ticks(), b.ticks(), (b.mineNanos() - a.mineNanos()) / 1e9,
        (b.nanoTime() - a.nanoTime()) / 1e9);
  }

  /** Closes the files the readings kept open. */
  @Override
  public void close() {
    tree.close();
    try {
      if (procStat != null) {
        procStat.close();
      }
    } catch (IOException e) {
      // a read-only file: nothing was lost
    }
  }

  private long[][] ticks() {
    if (LINUX) {
      try {
        if (procStat == null) {
          procStat = ProcFile.open("/proc/stat");
        }
        return procStat(procStat.read(), fields);
      } catch (IOException | RuntimeException e) {
        // unreadable now: OSHI below
      }
    }
    long[][] raw = Oshi.CPU.getProcessorCpuLoadTicks();
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
    return ticks;
  }

  /**
   * Per processor {busy, idle} from the {@code cpuN} lines of {@code /proc/stat}: user, nice, system,
   * idle, iowait, irq, softirq, steal (guest time is already in user). Idle is idle plus iowait,
   * as OSHI and top count it.
   */
  static long[][] procStat(ProcFile stat, long[] fields) {
    int n = 0;
    int[] starts = new int[16];
    for (int at = stat.nextLine(0); at + 3 < stat.length() && stat.at(at) == 'c' && stat.at(at + 1) == 'p'
        && stat.at(at + 2) == 'u' && Character.isDigit(stat.at(at + 3)); at = stat.nextLine(at)) {
      if (n == starts.length) {
        starts = Arrays.copyOf(starts, 2 * n);
      }
      starts[n++] = at;
    }
    long[][] ticks = new long[n][];
    for (int i = 0; i < n; i++) {
      long[] f = stat.numbers(starts[i], fields);
      long all = f[1] + f[2] + f[3] + f[4] + f[5] + f[6] + f[7] + f[8];
      long idle = f[4] + f[5];
      ticks[i] = new long[] {all - idle, idle};
    }
    return ticks;
  }

  // Holder idiom: OSHI probes the processor on first use only, where /proc/stat is missing.
  private static final class Oshi {
    static final CentralProcessor CPU = new SystemInfo().getHardware().getProcessor();
  }
}

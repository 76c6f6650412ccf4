package org.learnparallel.timing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.CentralProcessor.TickType;

/**
 * How much of the machine other programs used while a study ran: the machine's busy time (all
 * logical processors, from OSHI) minus this JVM's CPU time and that of its ended child processes
 * (worker processes of pools closed during the study), over all the processors' time.
 *
 * <p>Above {@link #THRESHOLD} a study says so and fits no law: on 2 cores, other programs taking
 * 10 % of the machine take a fifth of a core, which is enough to slow the runs that use every core
 * (and not the one-worker runs, which leave a core free) by up to 10 %: as much as the effect a
 * study measures past the first worker. An idle desktop or CI machine shows 1 to 5 % (the notebook
 * server, the browser, the kernel's own housekeeping is counted as this JVM's).
 */
final class OtherLoad {
  static final double THRESHOLD = 0.10;

  /** One reading: the machine's busy and total time and this process's (with ended children), in ms. */
  record Reading(long busyMs, long totalMs, long ownMs) {}

  /** Where readings come from: OSHI on a real machine, made-up ones in tests. */
  @FunctionalInterface
  interface Meter {
    /** A reading now, or null where the machine cannot tell. */
    Reading read();
  }

  /** The machine's meter; reads null where OSHI or the process clock is missing. */
  static final Meter MACHINE = OtherLoad::readMachine;

  private OtherLoad() {}

  /**
   * Other programs' share of the machine between two readings, 0 to 1; NaN when either is missing
   * or the machine's clock did not move (OSHI refreshes its processor ticks every 0.3 s at most).
   */
  static double share(Reading before, Reading after) {
    if (before == null || after == null || after.totalMs() <= before.totalMs()) {
      return Double.NaN;
    }
    long busy = after.busyMs() - before.busyMs();
    long own = after.ownMs() - before.ownMs();
    double share = (double) (busy - own) / (after.totalMs() - before.totalMs());
    return Math.max(0, Math.min(1, share));
  }

  /** Whether a study with this share of others' CPU was disturbed (NaN: not known, so not said). */
  static boolean disturbed(double share) {
    return share >= THRESHOLD;
  }

  /** The sentence a study prints and puts under its chart's title. */
  static String sentence(double share) {
    if (Double.isNaN(share)) {
      return "the CPU other programs used during this study could not be measured (under 0.3 s, or no OSHI here)";
    }
    String used = String.format(Locale.ROOT, "other programs used %d %% of the CPU during this study",
        (long) Math.floor(100 * share)); // rounded down: "10 %" only from the threshold on
    return disturbed(share)
        ? used + ": rerun on a quieter machine (no Amdahl fit on disturbed times)"
        : used + " (quiet enough: under " + Math.round(100 * THRESHOLD) + " %)";
  }

  private static Reading readMachine() {
    try {
      long[] ticks = Processor.OSHI.getSystemCpuLoadTicks();
      long total = 0;
      for (long t : ticks) {
        total += t;
      }
      long idle = ticks[TickType.IDLE.getIndex()] + ticks[TickType.IOWAIT.getIndex()];
      // system ticks add up every processor's time, in ms
      long own = Cpu.processNanos();
      if (own < 0) {
        return null;
      }
      return new Reading(total - idle, total, own / 1_000_000 + endedChildrenMs());
    } catch (RuntimeException | LinkageError e) { // no OSHI for this OS, no native access
      return null;
    }
  }

  // CPU time of the children this JVM waited for (cutime + cstime in /proc/self/stat, in clock ticks
  // of 1/100 s on Linux): worker processes of closed pools. 0 where there is no /proc.
  private static long endedChildrenMs() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[13]) + Long.parseLong(f[14])) * 10;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  // Holder idiom: OSHI probes the processor on first use only, and once.
  private static final class Processor {
    static final CentralProcessor OSHI = new SystemInfo().getHardware().getProcessor();
  }
}

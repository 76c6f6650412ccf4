package org.learnparallel.timing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Locale;
import org.learnparallel.machine.internal.ProcessTreeCpu;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.CentralProcessor.TickType;

/**
 * How much of the machine other programs used while a study ran: the busy time of the logical
 * processors this JVM may run on (from OSHI; all of them unless the process is pinned, as with
 * {@code taskset}) minus the CPU time of this JVM and of the processes it started (a process pool's
 * workers, running or ended: {@link ProcessTreeCpu}; they inherit its processors), over those
 * processors' time. A program busy on a processor this
 * JVM may not use takes nothing from the study.
 *
 * <p>Above {@link #THRESHOLD} a study says so and fits no law: on 2 cores, other programs taking
 * 10 % of the machine take a fifth of a core, which is enough to slow the runs that use every core
 * (and not the one-worker runs, which leave a core free) by up to 10 %: as much as the effect a
 * study measures past the first worker. An idle desktop or CI machine shows 1 to 5 % (the notebook
 * server, the browser, the kernel's own housekeeping is counted as this JVM's).
 */
final class OtherLoad {
  static final double THRESHOLD = 0.10;

  /** One reading: the machine's busy and total time and this process tree's, in ms. */
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
      long[][] ticks = Processor.OSHI.getProcessorCpuLoadTicks();
      BitSet allowed = allowedProcessors();
      long total = 0;
      long idle = 0;
      for (int i = 0; i < ticks.length; i++) { // each processor's time, in ms
        if (allowed == null || allowed.get(i)) {
          total += Arrays.stream(ticks[i]).sum();
          idle += ticks[i][TickType.IDLE.getIndex()] + ticks[i][TickType.IOWAIT.getIndex()];
        }
      }
      long own = ProcessTreeCpu.nanos();
      if (own < 0 || total == 0) {
        return null;
      }
      return new Reading(total - idle, total, own / 1_000_000);
    } catch (RuntimeException | LinkageError e) { // no OSHI for this OS, no native access
      return null;
    }
  }

  /** The processors this process may run on (Linux's Cpus_allowed_list), or null: all of them. */
  private static BitSet allowedProcessors() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream()
          .filter(line -> line.startsWith("Cpus_allowed_list:"))
          .map(line -> processorList(line.substring(line.indexOf(':') + 1).trim()))
          .findFirst().orElse(null);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Parses a Linux CPU list such as "0-2,5" into the set {0, 1, 2, 5}. */
  static BitSet processorList(String list) {
    BitSet set = new BitSet();
    for (String part : list.split(",")) {
      String[] range = part.trim().split("-");
      int from = Integer.parseInt(range[0]);
      set.set(from, Integer.parseInt(range[range.length - 1]) + 1);
    }
    return set;
  }

  // Holder idiom: OSHI probes the processor on first use only, and once.
  private static final class Processor {
    static final CentralProcessor OSHI = new SystemInfo().getHardware().getProcessor();
  }
}

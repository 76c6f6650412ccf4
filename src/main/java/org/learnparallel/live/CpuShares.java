package org.learnparallel.live;

import java.util.Arrays;

/**
 * How busy each logical processor was between two readings, and how much of that was this kernel's
 * (this JVM and its worker processes). Linux counts busy time per processor and CPU time per
 * process, but not which process ran on which processor: this kernel's share is spread over the
 * processors in proportion to how busy each was, and the rest of each bar is other programs'.
 *
 * <pre>{@code
 * long[][] before = {{0, 0}, {0, 0}}, after = {{900, 100}, {100, 900}}; // busy, idle ms per processor
 * CpuShares s = CpuShares.between(before, after, 0.9, 1.0);  // this kernel used 0.9 CPU-seconds in 1 s
 * s.busy()    // [0.9, 0.1]
 * s.mine()    // [0.81, 0.09]: 0.9 CPU-seconds over 1.0 busy, spread in proportion
 * }</pre>
 *
 * @param busy per processor, the share of the time it was busy (0 to 1)
 * @param mine per processor, the part of {@code busy} that was this kernel's
 */
record CpuShares(double[] busy, double[] mine) {

  /**
   * @param before per processor, {@code [busy, idle]} times in any unit, at the first reading
   * @param after the same at the second reading
   * @param mineSeconds CPU-seconds this kernel used between the readings
   * @param wallSeconds seconds between the readings
   */
  static CpuShares between(long[][] before, long[][] after, double mineSeconds, double wallSeconds) {
    int n = after.length;
    double[] busy = new double[n];
    double busyTotal = 0;
    for (int i = 0; i < n; i++) {
      double b = after[i][0] - before[i][0];
      double all = b + after[i][1] - before[i][1];
      busy[i] = all > 0 ? clamp(b / all) : 0;
      busyTotal += busy[i];
    }
    // mine in processors' worth (2.0 = two processors busy all the time), never above what was busy
    double mineCpus = wallSeconds > 0 ? Math.max(0, mineSeconds / wallSeconds) : 0;
    double factor = busyTotal > 0 ? Math.min(1, mineCpus / busyTotal) : 0;
    double[] mine = Arrays.stream(busy).map(b -> b * factor).toArray();
    return new CpuShares(busy, mine);
  }

  /** This kernel's share of the whole machine (all processors), 0 to 1. */
  double mineOverall() {
    return Arrays.stream(mine).average().orElse(0);
  }

  /** Other programs' share of the whole machine, 0 to 1. */
  double othersOverall() {
    return Math.max(0, Arrays.stream(busy).average().orElse(0) - mineOverall());
  }

  private static double clamp(double x) {
    return Math.max(0, Math.min(1, x));
  }
}

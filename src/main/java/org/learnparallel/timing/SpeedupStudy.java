package org.learnparallel.timing;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.learnparallel.machine.Machine;

/**
 * Runs the same work with 1, 2, ... k workers and measures the speed-up: the experiment behind
 * "parallel is faster", "never beyond your cores" and Amdahl's law. By default k is twice the
 * processors the JVM may use, so that the chart also shows oversubscription (more workers than
 * cores buys nothing). Each worker count gets 1 warm-up and 3 measured runs, interleaved across
 * the counts; the median counts. When other programs took 10 % of the machine or more meanwhile,
 * the result says so and fits no law (see {@link #run()}).
 * Make the work last about 0.2 to 2 seconds on one worker.
 *
 * <pre>{@code
 * List<Integer> items = IntStream.range(0, 16).boxed().toList();
 * SpeedupStudy.of(workers -> {
 *   try (Pool pool = Pool.threads(workers)) {
 *     pool.map(x -> LongStream.range(0, 20_000_000).map(i -> i % (x + 3)).sum(), items);
 *   }
 * }).run()                                    // the speed-up chart, as a cell's last expression
 * }</pre>
 */
public final class SpeedupStudy {

  /**
   * The work to measure, given how many workers it should use.
   *
   * <pre>{@code
   * SpeedupStudy.Workload sleepers = workers -> {
   *   try (Pool pool = Pool.threads(workers)) { pool.map(x -> { Thread.sleep(100); return x; }, List.of(1, 2, 3, 4)); }
   * };
   * }</pre>
   */
  @FunctionalInterface
  public interface Workload {
    void run(int workers) throws Exception;
  }

  private final Workload workload;
  private final int[] counts;
  private final Stopwatch stopwatch;

  private SpeedupStudy(Workload workload, int[] counts, Stopwatch stopwatch) {
    this.workload = workload;
    this.counts = counts;
    this.stopwatch = stopwatch;
  }

  /** A study of {@code workload} with 1 to 2 × availableProcessors() workers. */
  public static SpeedupStudy of(Workload workload) {
    int k = 2 * Runtime.getRuntime().availableProcessors();
    return new SpeedupStudy(workload, IntStream.rangeClosed(1, k).toArray(), Stopwatch.DEFAULT.warmups(1).runs(3));
  }

  /** With 1 to {@code k} workers. */
  public SpeedupStudy upTo(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("upTo needs at least 1 worker, got " + k);
    }
    return new SpeedupStudy(workload, IntStream.rangeClosed(1, k).toArray(), stopwatch);
  }

  /** With these worker counts; 1 is added if missing, as speed-ups are relative to it. */
  public SpeedupStudy workers(int... counts) {
    int[] sorted = IntStream.concat(IntStream.of(1), Arrays.stream(counts)).distinct().sorted().toArray();
    if (sorted[0] < 1) {
      throw new IllegalArgumentException("worker counts must be 1 or more: " + Arrays.toString(counts));
    }
    return new SpeedupStudy(workload, sorted, stopwatch);
  }

  /** Measured runs per worker count (default 3). */
  public SpeedupStudy runs(int n) {
    return new SpeedupStudy(workload, counts, stopwatch.runs(n));
  }

  /** Warm-up runs per worker count (default 1). */
  public SpeedupStudy warmups(int n) {
    return new SpeedupStudy(workload, counts, stopwatch.warmups(n));
  }

  /**
   * Measures every worker count, interleaved: one warm-up round (1, 2, ... k workers), then each
   * measured round runs every count once (1, 2, ... k, 1, 2, ... k, ...), so that other programs'
   * bursts spread over all counts rather than spoil one. Prints a line per round as it goes, a
   * summary per worker count (its median counts), and the CPU share other programs used during
   * the study; above 10 % of the machine the result says so, in its chart too, and fits no
   * Amdahl law to the disturbed times.
   */
  public SpeedupResult run() {
    return run(OtherLoad.MACHINE);
  }

  SpeedupResult run(OtherLoad.Meter meter) {
    String machine = Machine.current().brief(); // before the long measurement, not after it
    List<String> labels = Arrays.stream(counts).mapToObj(n -> n + (n == 1 ? " worker" : " workers")).toList();
    List<Callable<?>> works = Arrays.stream(counts).<Callable<?>>mapToObj(n -> () -> {
      workload.run(n);
      return null;
    }).toList();
    OtherLoad.Reading before = meter.read();
    List<Timing> timings = stopwatch.interleaved(labels, works, System.out::println);
    double others = OtherLoad.share(before, meter.read());
    double[] medians = new double[counts.length];
    double[] spreads = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      Timing t = timings.get(i);
      System.out.println(t.summary());
      medians[i] = t.median();
      spreads[i] = t.stddev(); // NaN with one run: no spread rather than a spread of 0
    }
    System.out.println(OtherLoad.sentence(others));
    return new SpeedupResult(machine, Runtime.getRuntime().availableProcessors(), counts, medians, spreads,
        Map.of(), others);
  }
}

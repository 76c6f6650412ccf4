package org.learnparallel.timing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.learnparallel.chart.Chart;
import org.learnparallel.function.CheckedRunnable;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * Times code in a notebook cell the way IPython's {@code %timeit} does: warm-up runs first (the JIT
 * compiler needs them), then several measured runs; prints
 * {@code 12.3 ms ± 0.41 ms per run (median 12.1 ms, min 11.9 ms; 7 runs, 2 warm-ups) · CPU 24.1 ms (2.0× wall)}
 * and returns a {@link Timing} with every sample. What the work returns is consumed by a
 * {@link Blackhole}, so the JIT cannot delete the work.
 *
 * <pre>{@code
 * var serial = Bench.time("serial", () -> IntStream.range(0, 20_000_000).map(i -> i % 7).sum());
 * var parallel = Bench.time("parallel", () -> IntStream.range(0, 20_000_000).parallel().map(i -> i % 7).sum());
 * Bench.compare(serial, parallel)        // a bar chart of the two
 * Bench.runs(20).warmups(5).time(() -> Thread.sleep(10));
 * }</pre>
 *
 * <p>Wall time is what you wait; CPU time adds up every thread of the process (the JIT and the
 * garbage collector too), so CPU above wall means work ran on several cores at once.
 */
public final class Bench {
  private Bench() {}

  /** Times {@code work} with 2 warm-ups and 7 runs; prints the summary. */
  public static Timing time(Callable<?> work) {
    return Stopwatch.DEFAULT.time(work);
  }

  /** Times {@code work} with 2 warm-ups and 7 runs; prints the summary. */
  public static Timing time(CheckedRunnable work) {
    return Stopwatch.DEFAULT.time(work);
  }

  /** Like {@link #time(Callable)}, labelled. */
  public static Timing time(String label, Callable<?> work) {
    return Stopwatch.DEFAULT.time(label, work);
  }

  /** Like {@link #time(CheckedRunnable)}, labelled. */
  public static Timing time(String label, CheckedRunnable work) {
    return Stopwatch.DEFAULT.time(label, work);
  }

  /**
   * Times each work with 2 warm-ups and 7 runs, interleaved (a, b, a, b, ...: a burst of other
   * programs' work then slows each a little rather than one a lot); prints a summary per work and the
   * CPU share other programs took meanwhile. Give a {@link java.util.LinkedHashMap} (or
   * {@code Map.of} of one entry) to keep your order; the first is {@link #compare}'s baseline.
   */
  public static List<Timing> timeEach(Map<String, ? extends CheckedRunnable> works) {
    return Stopwatch.DEFAULT.timeEach(works);
  }

  /** A stopwatch with {@code n} measured runs (and 2 warm-ups). */
  public static Stopwatch runs(int n) {
    return Stopwatch.DEFAULT.runs(n);
  }

  /** A stopwatch with {@code n} warm-up runs (and 7 measured ones). */
  public static Stopwatch warmups(int n) {
    return Stopwatch.DEFAULT.warmups(n);
  }

  /**
   * Bars of the median wall time (error bar: one standard deviation, none for a single run) and of
   * the CPU time of each timing, with each one's speed-up in the table. The first timing is the
   * baseline: the speed-up column is named after it ({@code speed-up vs loop}) and reads its median
   * over each one's, so list the one to compare against first. The CPU bars are left out when no
   * timing has a CPU time (runs under 100 ms in all, see {@link Timing#cpu()}); where only some lack
   * it, theirs are missing.
   *
   * <pre>{@code
   * Bench.compare(loop, parallel)     // "speed-up vs loop": 1.00 for loop, 1.9 for parallel
   * }</pre>
   */
  public static Chart compare(List<Timing> timings) {
    return compare(timings.toArray(Timing[]::new));
  }

  /** Like {@link #compare(List)}. */
  public static Chart compare(Timing... timings) {
    if (timings.length == 0) {
      throw new IllegalArgumentException("compare needs at least one timing");
    }
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < timings.length; i++) {
      labels.add(timings[i].label().isEmpty() ? "run " + (i + 1) : timings[i].label());
    }
    DoubleColumn wall = DoubleColumn.create("wall median (ms)", Arrays.stream(timings).mapToDouble(t -> t.median() * 1e3));
    DoubleColumn spread = DoubleColumn.create("± (ms)", Arrays.stream(timings).mapToDouble(t -> t.stddev() * 1e3));
    DoubleColumn cpu = DoubleColumn.create("CPU mean (ms)", Arrays.stream(timings).mapToDouble(t -> t.cpu() * 1e3));
    DoubleColumn speedup = DoubleColumn.create("speed-up vs " + labels.get(0),
        Arrays.stream(timings).mapToDouble(t -> timings[0].median() / t.median()));
    boolean anyCpu = Arrays.stream(timings).anyMatch(t -> !Double.isNaN(t.cpu()));
    Table table = Table.create("Serial vs parallel", StringColumn.create("label", labels), wall, spread);
    if (anyCpu) {
      table.addColumns(cpu);
    }
    table.addColumns(speedup);
    for (int c = 1; c < table.columnCount(); c++) {
      ((DoubleColumn) table.column(c)).setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(2));
    }
    Chart.Builder b = Chart.builder(anyCpu ? "Wall time and CPU time" : "Wall time")
        .yTitle("milliseconds per run")
        .note("wall: median ± standard deviation" + (anyCpu ? "; CPU: all threads of the process" : "")
            + "\nspeed-up: " + labels.get(0) + "'s median over each one's"
            + Arrays.stream(timings).mapToDouble(Timing::othersShare).filter(OtherLoad::disturbed).boxed()
                .findFirst().map(share -> "\n" + OtherLoad.sentence(share)).orElse(""))
        .bar("wall time", labels, wall.asDoubleArray(), spread.asDoubleArray());
    if (anyCpu) {
      b.bar("CPU time", labels, cpu.asDoubleArray(), null);
    }
    return b.data(table).build();
  }
}

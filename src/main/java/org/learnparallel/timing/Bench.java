package org.learnparallel.timing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.learnparallel.chart.Chart;
import org.learnparallel.pool.function.CheckedRunnable;
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

  /** A stopwatch with {@code n} measured runs (and 2 warm-ups). */
  public static Stopwatch runs(int n) {
    return Stopwatch.DEFAULT.runs(n);
  }

  /** A stopwatch with {@code n} warm-up runs (and 7 measured ones). */
  public static Stopwatch warmups(int n) {
    return Stopwatch.DEFAULT.warmups(n);
  }

  /**
   * Bars of the median wall time (error bar: one standard deviation) and of the CPU time of each
   * timing (none where {@link Timing#cpu()} is NaN), with each one's speed-up over the first in the
   * table.
   */
  public static Chart compare(Timing... timings) {
    if (timings.length == 0) {
      throw new IllegalArgumentException("compare needs at least one timing");
    }
    List<String> labels = new ArrayList<>();
    DoubleColumn wall = DoubleColumn.create("wall median (ms)");
    DoubleColumn spread = DoubleColumn.create("± (ms)");
    DoubleColumn cpu = DoubleColumn.create("CPU mean (ms)");
    DoubleColumn speedup = DoubleColumn.create("speed-up");
    for (int i = 0; i < timings.length; i++) {
      Timing t = timings[i];
      labels.add(t.label().isEmpty() ? "run " + (i + 1) : t.label());
      wall.append(t.median() * 1e3);
      spread.append(t.stddev() * 1e3);
      cpu.append(t.cpu() * 1e3);
      speedup.append(timings[0].median() / t.median());
    }
    for (DoubleColumn c : List.of(wall, spread, cpu, speedup)) {
      c.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(2));
    }
    Table table = Table.create("Serial vs parallel", StringColumn.create("label", labels), wall, spread, cpu, speedup);
    return Chart.builder("Wall time and CPU time")
        .yTitle("milliseconds per run")
        .note("wall: median ± standard deviation; CPU: all threads of the process")
        .bar("wall time", labels, wall.asDoubleArray(), spread.asDoubleArray())
        .bar("CPU time", labels, cpu.asDoubleArray(), null)
        .data(table)
        .build();
  }
}

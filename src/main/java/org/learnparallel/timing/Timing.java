package org.learnparallel.timing;

import java.util.Arrays;
import java.util.List;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import org.learnparallel.chart.Chart;
import org.learnparallel.chart.Chartable;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * The measurements of one {@link Bench#time} call, in seconds: wall time of each warm-up and
 * measured run, and the CPU time of each measured run, for the whole process and for the calling
 * thread. Immutable. Its {@code toString()} is the one-line summary; as a cell's last expression it
 * shows a chart of every run, warm-ups included.
 *
 * <pre>{@code
 * Timing t = Bench.time(() -> LongStream.range(0, 50_000_000).sum());
 * t.median();              // seconds
 * t.wall().stddev();
 * t.cpu();                 // above t.mean() when several cores worked
 * }</pre>
 */
public final class Timing implements Chartable {
  // Ten ticks of the process CPU clock: below it the CPU figure is mostly rounding.
  private static final double MIN_CPU_SPAN = 0.1;

  private final String label;
  private final double[] warmups;
  private final double[] wall;
  private final double[] processCpu;
  private final double[] threadCpu;
  private final double othersShare;

  Timing(String label, double[] warmups, double[] wall, double[] processCpu, double[] threadCpu) {
    this(label, warmups, wall, processCpu, threadCpu, Double.NaN);
  }

  private Timing(String label, double[] warmups, double[] wall, double[] processCpu, double[] threadCpu, double othersShare) {
    if (wall.length == 0 || processCpu.length != wall.length || threadCpu.length != wall.length) {
      throw new IllegalArgumentException("a timing needs the same number (at least 1) of wall and CPU samples");
    }
    this.label = label;
    this.warmups = warmups.clone();
    this.wall = wall.clone();
    this.processCpu = processCpu.clone();
    this.threadCpu = threadCpu.clone();
    this.othersShare = othersShare;
  }

  Timing withOthersShare(double share) {
    return new Timing(label, warmups, wall, processCpu, threadCpu, share);
  }

  /**
   * The share of the machine's CPU (0 to 1) that other programs used while this was measured, for
   * timings made by {@link Bench#timeEach}; NaN where it was not measured.
   */
  public double othersShare() {
    return othersShare;
  }

  public String label() {
    return label;
  }

  /** Wall time of each measured run, in seconds. */
  public List<Double> samples() {
    return List.copyOf(Arrays.stream(wall).boxed().toList());
  }

  /** Wall time of each warm-up run, in seconds. */
  public List<Double> warmupSamples() {
    return List.copyOf(Arrays.stream(warmups).boxed().toList());
  }

  /** Statistics of the wall time of the measured runs. */
  public Stats wall() {
    return Stats.of(wall);
  }

  /**
   * Statistics of the process's CPU time per run (NaN where the JVM cannot measure it). The
   * operating system counts it in ticks of about 10 ms, so one short run reads 0 or a tick; only
   * means over 100 ms of runs or more are meaningful, and only then does the summary show them.
   */
  public Stats processCpu() {
    return Stats.of(processCpu);
  }

  /** Statistics of the calling thread's CPU time per run: only the cell's own thread, as {@code %time}. */
  public Stats threadCpu() {
    return Stats.of(threadCpu);
  }

  /** The median wall time, in seconds: the number to compare. */
  public double median() {
    return wall().median();
  }

  /** The fastest run, in seconds: the least disturbed one, as Python's timeit advises. */
  public double min() {
    return wall().min();
  }

  public double mean() {
    return wall().mean();
  }

  /** The standard deviation of the wall time, in seconds; NaN with one run, which has no spread to show. */
  public double stddev() {
    return wall().stddev();
  }

  /**
   * The process's mean CPU time per run, in seconds; NaN where it means little (runs under 100 ms
   * in all, see {@link #processCpu()}) or was not measured: the JVM cannot, or the clock did not
   * tick once (0 is under its resolution, not "no work").
   */
  public double cpu() {
    double process = processCpu().mean();
    return mean() * wall.length < MIN_CPU_SPAN || !(process > 0) ? Double.NaN : process;
  }

  /** Process CPU time over wall time: about 1 for one busy core, about k for k busy cores; NaN as {@link #cpu()}. */
  public double cpuRatio() {
    return cpu() / mean();
  }

  /**
   * {@code 12.3 ms ± 0.41 ms per run (median 12.1 ms, min 11.9 ms; 7 runs, 2 warm-ups) · CPU 24.1 ms (2.0× wall)}.
   * Parts that were not measured are not shown as 0: the {@code ±} is left out with one run, the
   * CPU part where the JVM has no CPU clock, and the CPU time reads {@code n/a} with the reason when
   * the clock is too coarse for it (see {@link #cpu()}).
   */
  public String summary() {
    Stats w = wall();
    String s = (label.isEmpty() ? "" : label + ": ")
        + Units.duration(w.mean()) + (w.n() > 1 ? " ± " + Units.duration(w.stddev()) : "") + " per run (median "
        + Units.duration(w.median()) + ", min " + Units.duration(w.min()) + "; "
        + w.n() + (w.n() == 1 ? " run, " : " runs, ") + warmups.length
        + (warmups.length == 1 ? " warm-up)" : " warm-ups)");
    if (Double.isNaN(processCpu().mean())) {
      return s;
    } else if (mean() * wall.length < MIN_CPU_SPAN) {
      return s + " · CPU n/a (under 100 ms in all)";
    } else if (Double.isNaN(cpu())) {
      return s + " · CPU n/a (under one tick of its clock)";
    }
    return s + " · CPU " + Units.duration(cpu()) + " (" + Units.digits(cpuRatio()) + "× wall)";
  }

  @Override
  public String toString() {
    return summary();
  }

  /** Every run's wall time in order, warm-ups first, with the median as a line. */
  @Override
  public Chart chart() {
    int n = warmups.length + wall.length;
    double[] ms = DoubleStream.concat(Arrays.stream(warmups), Arrays.stream(wall)).map(s -> s * 1e3).toArray();
    double[] runs = IntStream.rangeClosed(1, n).asDoubleStream().toArray();
    DoubleColumn time = DoubleColumn.create("wall (ms)", ms);
    time.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(3));
    Table table = Table.create(label,
        IntColumn.create("run", IntStream.rangeClosed(1, n).toArray()),
        StringColumn.create("kind", IntStream.range(0, n).mapToObj(i -> i < warmups.length ? "warm-up" : "measured").toList()),
        time);
    double medianMs = median() * 1e3;
    return Chart.builder(label.isEmpty() ? "Every run" : "Every run: " + label)
        .xTitle("run")
        .integerX(n)
        .yTitle("wall time (ms)")
        .note("median " + Units.duration(median()) + " over " + wall.length + " runs, after "
            + warmups.length + (warmups.length == 1 ? " warm-up" : " warm-ups"))
        .points("warm-up", Arrays.copyOfRange(runs, 0, warmups.length), Arrays.copyOfRange(ms, 0, warmups.length))
        .points("measured", Arrays.copyOfRange(runs, warmups.length, n), Arrays.copyOfRange(ms, warmups.length, n))
        .line("median", new double[] {1, n}, new double[] {medianMs, medianMs}, Chart.Dash.DASH)
        .data(table)
        .build();
  }
}

package org.learnparallel.timing;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;
import org.learnparallel.chart.Chart;
import org.learnparallel.chart.Chartable;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * The outcome of a {@link SpeedupStudy}: for each worker count the median time, the speed-up over
 * one worker, the efficiency (speed-up per worker), the Ideal speed-up (as many times faster as
 * workers) and what Amdahl's law predicts. As a cell's last expression it is a chart of speed-up
 * against workers, with a dotted line at the number of cores.
 *
 * <p>Amdahl's serial fraction is fitted on the worker counts up to the cores only: past them the
 * workers share cores, which the law does not model. For the curve, {@code n} workers get
 * {@code min(n, cores)} cores, so it flattens where the cores run out.
 *
 * <pre>{@code
 * var result = SpeedupStudy.of(workers -> { ... }).run();
 * result.table()                    // workers, time (ms), speed-up, efficiency, Ideal, Amdahl
 * result.amdahl().get().serialFraction()
 * // results recorded on a bigger machine, charted here:
 * SpeedupResult.of("16-core server", 16, new int[] {1, 2, 4, 8, 16}, new double[] {8.0, 4.1, 2.2, 1.3, 0.9})
 * }</pre>
 */
public final class SpeedupResult implements Chartable {
  private final String machine;
  private final int cores;
  private final int[] workers;
  private final double[] seconds;
  private final double[] spreads;
  private final Optional<Amdahl> amdahl;

  SpeedupResult(String machine, int cores, int[] workers, double[] seconds, double[] spreads) {
    if (workers.length == 0 || workers[0] != 1 || seconds.length != workers.length || spreads.length != workers.length) {
      throw new IllegalArgumentException("a speed-up needs one time per worker count, starting at 1 worker");
    }
    this.machine = machine;
    this.cores = cores;
    this.workers = workers.clone();
    this.seconds = seconds.clone();
    this.spreads = spreads.clone();
    int[] fitted = IntStream.range(0, workers.length).filter(i -> workers[i] <= cores).toArray();
    this.amdahl = fitted.length < 2 ? Optional.empty() : Optional.of(Amdahl.fit(
        Arrays.stream(fitted).map(i -> workers[i]).toArray(),
        Arrays.stream(fitted).mapToDouble(i -> seconds[i]).toArray()));
  }

  /**
   * Times measured elsewhere (for example on a bigger machine than Binder's one CPU), charted here.
   *
   * @param machine what they were measured on, shown under the chart's title
   * @param cores how many cores that machine let the program use
   * @param workers the worker counts, increasing, starting at 1
   * @param seconds the time measured with each
   */
  public static SpeedupResult of(String machine, int cores, int[] workers, double[] seconds) {
    return new SpeedupResult(machine, cores, workers, seconds, new double[seconds.length]);
  }

  /** Amdahl's law fitted on the worker counts up to the cores; empty with fewer than two such counts. */
  public Optional<Amdahl> amdahl() {
    return amdahl;
  }

  /** The cores the work could use. */
  public int cores() {
    return cores;
  }

  /** Speed-up over one worker, for each worker count. */
  public double[] speedups() {
    return Arrays.stream(seconds).map(t -> seconds[0] / t).toArray();
  }

  /** Columns workers, time (ms), ± (ms), speed-up, efficiency, Ideal and Amdahl (when fitted). */
  public Table table() {
    double[] speedup = speedups();
    Table t = Table.create("Speed-up",
        IntColumn.create("workers", workers),
        DoubleColumn.create("time (ms)", Arrays.stream(seconds).map(s -> s * 1e3)),
        DoubleColumn.create("± (ms)", Arrays.stream(spreads).map(s -> s * 1e3)),
        DoubleColumn.create("speed-up", speedup),
        DoubleColumn.create("efficiency", IntStream.range(0, workers.length).mapToDouble(i -> speedup[i] / workers[i])),
        DoubleColumn.create("Ideal", Arrays.stream(workers).asDoubleStream()));
    amdahl.ifPresent(law -> t.addColumns(DoubleColumn.create("Amdahl", predicted(law))));
    for (int c = 1; c < t.columnCount(); c++) {
      ((DoubleColumn) t.column(c)).setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(2));
    }
    return t;
  }

  /** One line: the fitted serial fraction and what it implies. */
  public String conclusion() {
    return amdahl.map(law -> String.format(Locale.ROOT,
            "Amdahl fit on ≤ %d workers: serial fraction s = %.3f, %s",
            Math.min(cores, workers[workers.length - 1]), law.serialFraction(),
            law.serialFraction() == 0 ? "no limit but the cores" : "at most " + Units.digits(law.maxSpeedup()) + "× faster"))
        .orElse("No Amdahl fit: it needs two worker counts up to the " + cores + (cores == 1 ? " core" : " cores"));
  }

  @Override
  public Chart chart() {
    double[] x = Arrays.stream(workers).asDoubleStream().toArray();
    Chart.Builder b = Chart.builder("Speed-up with more workers")
        .xTitle("workers")
        .integerX(workers[workers.length - 1])
        .yTitle("speed-up (× one worker)")
        .note(machine + "\n" + conclusion())
        .line("measured", x, speedups(), Chart.Dash.SOLID)
        .line("Ideal", x, x, Chart.Dash.DASH)
        .data(table());
    amdahl.ifPresent(law -> b.line(String.format(Locale.ROOT, "Amdahl, s = %.3f", law.serialFraction()),
        x, predicted(law), Chart.Dash.DOT));
    if (cores <= workers[workers.length - 1]) {
      b.verticalLine(cores, cores + (cores == 1 ? " core" : " cores"));
    }
    return b.build();
  }

  @Override
  public String toString() {
    return table().printAll() + "\n" + conclusion();
  }

  private double[] predicted(Amdahl law) {
    return Arrays.stream(workers).mapToDouble(n -> law.speedup(Math.min(n, cores))).toArray();
  }
}

package org.learnparallel.timing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
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
 * against workers, with a dotted line at the number of cores. Immutable.
 *
 * <p>Amdahl's serial fraction is fitted on the worker counts up to the cores only: past them the
 * workers share cores, which the law does not model. For the curve, {@code n} workers get
 * {@code min(n, cores)} cores, so it flattens where the cores run out. The fit's limit
 * {@code 1 / s} is reported only when the data can tell it (see {@link #limit()}).
 *
 * <p>Results can be saved to a CSV file and read back ({@link #writeCsv}, {@link #readCsv}), to
 * compare a run recorded on one machine with a live one ({@link #overlay}).
 *
 * <pre>{@code
 * var result = SpeedupStudy.of(workers -> { ... }).run();
 * result.table()                    // workers, time (ms), ± (ms), speed-up, efficiency, Ideal, Amdahl
 * result.amdahl().get().serialFraction()
 * result.withMachine("my laptop").writeCsv(Path.of("data/speedup-mine.csv"));
 * var recorded = SpeedupResult.readCsv(Path.of("data/speedup-2core-amd-epyc.csv"));
 * SpeedupResult.overlay("live", result, "recorded", recorded)   // both in one chart
 * // results recorded on a bigger machine, charted here:
 * SpeedupResult.of("16-core server", 16, new int[] {1, 2, 4, 8, 16}, new double[] {8.0, 4.1, 2.2, 1.3, 0.9})
 * }</pre>
 */
public final class SpeedupResult implements Chartable {
  // A serial fraction that changes the time on the most fitted workers by less than this share is
  // within the run-to-run noise of a quiet machine: its 1 / s says nothing (s = 0.001 would claim 1000×).
  private static final double NOISE = 0.02;

  private final String machine;
  private final int cores;
  private final int[] workers;
  private final double[] seconds;
  private final double[] spreads;
  private final Map<String, String> notes;
  private final double othersShare;
  private final int fittedMax;
  private final Optional<Amdahl> amdahl;

  SpeedupResult(String machine, int cores, int[] workers, double[] seconds, double[] spreads, Map<String, String> notes) {
    this(machine, cores, workers, seconds, spreads, notes, Double.NaN);
  }

  SpeedupResult(String machine, int cores, int[] workers, double[] seconds, double[] spreads, Map<String, String> notes,
      double othersShare) {
    if (workers.length == 0 || workers[0] != 1 || seconds.length != workers.length || spreads.length != workers.length) {
      throw new IllegalArgumentException("a speed-up needs one time per worker count, starting at 1 worker");
    }
    if (cores < 1) {
      throw new IllegalArgumentException("a machine has at least 1 core, got " + cores);
    }
    this.machine = machine;
    this.cores = cores;
    this.workers = workers.clone();
    this.seconds = seconds.clone();
    this.spreads = spreads.clone();
    this.notes = Collections.unmodifiableMap(new LinkedHashMap<>(notes));
    this.othersShare = othersShare;
    int[] fitted = IntStream.range(0, workers.length).filter(i -> workers[i] <= cores).toArray();
    this.fittedMax = workers[fitted[fitted.length - 1]];
    this.amdahl = fitted.length < 2 || disturbed() ? Optional.empty() : Optional.of(Amdahl.fit(
        Arrays.stream(fitted).map(i -> workers[i]).toArray(),
        Arrays.stream(fitted).mapToDouble(i -> seconds[i]).toArray()));
  }

  /**
   * Times measured elsewhere (for example on a bigger machine than Binder's one CPU), charted here.
   * They have no spread: the table leaves its {@code ±} column out rather than show zeros.
   *
   * @param machine what they were measured on, shown under the chart's title
   * @param cores how many cores that machine let the program use
   * @param workers the worker counts, increasing, starting at 1
   * @param seconds the time measured with each
   */
  public static SpeedupResult of(String machine, int cores, int[] workers, double[] seconds) {
    return new SpeedupResult(machine, cores, workers, seconds, SpeedupCsv.nan(seconds.length), Map.of());
  }

  /**
   * Reads a result written by {@link #writeCsv}, or by hand in the same format: {@code # key: value}
   * lines, of which {@code machine} and {@code cores} are required and the others become
   * {@link #notes()}, then the columns {@code workers,seconds} and optionally {@code spread}.
   *
   * <pre>{@code
   * # machine: 2-core AMD EPYC VM (KVM), recorded 2026-11-25
   * # cores: 2
   * workers,seconds
   * 1,0.312775
   * 2,0.156487
   * }</pre>
   */
  public static SpeedupResult readCsv(Path file) throws IOException {
    return SpeedupCsv.read(file);
  }

  /**
   * Writes this result in the format {@link #readCsv} reads: the machine, the cores and the notes as
   * {@code # key: value} lines, then {@code workers,seconds} in seconds, plus a {@code spread}
   * column (the standard deviation of the runs) when there is one.
   */
  public void writeCsv(Path file) throws IOException {
    SpeedupCsv.write(this, file);
  }

  /** A copy described as measured on {@code machine}: say what it is (a laptop, Binder), not only what the JVM sees. */
  public SpeedupResult withMachine(String machine) {
    return new SpeedupResult(machine, cores, workers, seconds, spreads, notes, othersShare);
  }

  /** A copy with one more note (replacing one with the same key), written to the CSV as {@code # key: value}. */
  public SpeedupResult withNote(String key, String value) {
    Map<String, String> more = new LinkedHashMap<>(notes);
    more.put(key, value);
    return new SpeedupResult(machine, cores, workers, seconds, spreads, more, othersShare);
  }

  /** What the times were measured on. */
  public String machine() {
    return machine;
  }

  /** The cores the work could use. */
  public int cores() {
    return cores;
  }

  /** The worker counts, increasing, starting at 1. */
  public int[] workers() {
    return workers.clone();
  }

  /** The time with each worker count, in seconds (the median of the runs of a study). */
  public double[] seconds() {
    return seconds.clone();
  }

  /** The standard deviation of each worker count's runs, in seconds; NaN where there is none (recorded times, single runs). */
  public double[] spreads() {
    return spreads.clone();
  }

  /** The other {@code # key: value} lines of the CSV file (what work, when, in what conditions), in order. */
  public Map<String, String> notes() {
    return notes;
  }

  /**
   * The share of the machine's CPU (0 to 1) that other programs used during the study; NaN for
   * results read from a file or given by hand, and where the machine cannot tell.
   */
  public double othersShare() {
    return othersShare;
  }

  /** Whether other programs used 10 % of the machine or more during the study: its times then say little. */
  public boolean disturbed() {
    return OtherLoad.disturbed(othersShare);
  }

  /**
   * Amdahl's law fitted on the worker counts up to the cores; empty with fewer than two such
   * counts, and empty for a {@link #disturbed()} study: a law fitted to other programs' noise would
   * project a limit that is not the work's.
   */
  public Optional<Amdahl> amdahl() {
    return amdahl;
  }

  /**
   * The most speed-up the fitted law allows with endless workers, {@code 1 / s}; empty without a
   * fit, and empty when {@code s} is within the noise: when it changes the time predicted on the
   * most workers fitted by less than 2 % (with 2 workers, any {@code s} under 0.02). Such an
   * {@code s} is indistinguishable from 0, and its {@code 1 / s} (1000× for 0.001) means nothing.
   */
  public OptionalDouble limit() {
    return amdahl.filter(law -> law.serialFraction() * (fittedMax - 1) >= NOISE)
        .map(law -> OptionalDouble.of(law.maxSpeedup()))
        .orElse(OptionalDouble.empty());
  }

  /** Speed-up over one worker, for each worker count. */
  public double[] speedups() {
    return Arrays.stream(seconds).map(t -> seconds[0] / t).toArray();
  }

  /** Speed-up per worker, for each worker count: 1 is Ideal. */
  public double[] efficiencies() {
    double[] speedup = speedups();
    return IntStream.range(0, workers.length).mapToDouble(i -> speedup[i] / workers[i]).toArray();
  }

  /**
   * Columns workers, time (ms), ± (ms) (only when there are spreads: blank where one is missing),
   * speed-up, efficiency, Ideal and Amdahl (when fitted).
   */
  public Table table() {
    Table t = Table.create("Speed-up",
        IntColumn.create("workers", workers),
        DoubleColumn.create("time (ms)", Arrays.stream(seconds).map(s -> s * 1e3)));
    if (Arrays.stream(spreads).anyMatch(Double::isFinite)) {
      t.addColumns(DoubleColumn.create("± (ms)", Arrays.stream(spreads).map(s -> s * 1e3)));
    }
    t.addColumns(
        DoubleColumn.create("speed-up", speedups()),
        DoubleColumn.create("efficiency", efficiencies()),
        DoubleColumn.create("Ideal", Arrays.stream(workers).asDoubleStream()));
    amdahl.ifPresent(law -> t.addColumns(DoubleColumn.create("Amdahl", predicted(law))));
    for (int c = 1; c < t.columnCount(); c++) {
      ((DoubleColumn) t.column(c)).setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(2));
    }
    return t;
  }

  /**
   * One line: the fitted serial fraction and the limit it implies, if any (see {@link #limit()});
   * for a {@link #disturbed()} study, the warning instead.
   */
  public String conclusion() {
    if (disturbed()) {
      return OtherLoad.sentence(othersShare);
    }
    OptionalDouble limit = limit();
    return amdahl.map(law -> String.format(Locale.ROOT,
            "Amdahl fit on ≤ %d workers: serial fraction s = %.3f, %s", fittedMax, law.serialFraction(),
            limit.isPresent() ? "at most " + Units.digits(limit.getAsDouble()) + "× faster" : "within timing noise: no limit in sight"))
        .orElse("No Amdahl fit: it needs two worker counts up to the " + cores + (cores == 1 ? " core" : " cores"));
  }

  @Override
  public Chart chart() {
    return SpeedupCharts.of(this);
  }

  /**
   * Two results in one chart, for example your machine's beside one recorded elsewhere: the speed-up
   * of each, the Ideal, and a dotted line at each one's cores. The table has a speed-up column per
   * result, blank where it has no such worker count.
   *
   * <pre>{@code
   * SpeedupResult.overlay("this machine", live, "recorded", SpeedupResult.readCsv(Path.of("data/speedup-2core-amd-epyc.csv")))
   * }</pre>
   */
  public static Chart overlay(String name, SpeedupResult result, String otherName, SpeedupResult other) {
    return SpeedupCharts.overlay(name, result, otherName, other);
  }

  @Override
  public String toString() {
    return table().printAll() + "\n" + conclusion();
  }

  /** The speed-up that the Amdahl fit predicts at each worker count (no gain past the cores). */
  double[] predicted(Amdahl law) {
    return Arrays.stream(workers).mapToDouble(n -> law.speedup(Math.min(n, cores))).toArray();
  }

  /** The speed-up at each of the worker counts x, NaN where this result has none. */
  double[] speedupsAt(double[] x) {
    double[] speedup = speedups();
    return Arrays.stream(x).map(n -> IntStream.range(0, workers.length)
        .filter(i -> workers[i] == n).mapToDouble(i -> speedup[i]).findFirst().orElse(Double.NaN)).toArray();
  }
}

package org.learnparallel.timing;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.IntStream;
import org.learnparallel.chart.Chart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * The charts of a {@link SpeedupResult}: its speed-up beside the Ideal and the Amdahl fit, and two
 * results overlaid. Apart from the result, which holds the figures and reads them.
 *
 * <pre>{@code
 * Chart c = SpeedupCharts.of(result); // what result.chart() returns
 * }</pre>
 */
final class SpeedupCharts {
  private SpeedupCharts() {}

  /** See {@link SpeedupResult#chart()}. */
  static Chart of(SpeedupResult r) {
    int[] workers = r.workers();
    int cores = r.cores();
    double[] x = Arrays.stream(workers).asDoubleStream().toArray();
    Chart.Builder b = Chart.builder("Speed-up with more workers")
        .xTitle("workers")
        .integerX(workers[workers.length - 1])
        .yTitle("speed-up (× one worker)")
        .note(r.machine() + "\n" + r.conclusion())
        .line("measured", x, r.speedups(), Chart.Dash.SOLID)
        .line("Ideal", x, x, Chart.Dash.DASH)
        .data(r.table());
    r.amdahl().ifPresent(law -> b.line(String.format(Locale.ROOT, "Amdahl, s = %.3f", law.serialFraction()),
        x, r.predicted(law), Chart.Dash.DOT));
    if (cores <= workers[workers.length - 1]) {
      b.verticalLine(cores, cores + (cores == 1 ? " core" : " cores"));
    }
    return b.build();
  }

  /** See {@link SpeedupResult#overlay}. */
  static Chart overlay(String name, SpeedupResult result, String otherName, SpeedupResult other) {
    double[] x = IntStream.concat(Arrays.stream(result.workers()), Arrays.stream(other.workers()))
        .distinct().sorted().asDoubleStream().toArray();
    Table table = Table.create("Speed-up", IntColumn.create("workers", Arrays.stream(x).mapToInt(v -> (int) v).toArray()),
        DoubleColumn.create("speed-up, " + name, result.speedupsAt(x)),
        DoubleColumn.create("speed-up, " + otherName, other.speedupsAt(x)));
    for (int c = 1; c < table.columnCount(); c++) {
      ((DoubleColumn) table.column(c)).setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(2));
    }
    Chart.Builder b = Chart.builder("Speed-up: " + name + " and " + otherName)
        .xTitle("workers")
        .integerX(x[x.length - 1])
        .yTitle("speed-up (× one worker)")
        .note(name + ": " + result.machine() + "\n" + otherName + ": " + other.machine())
        .line(name, Arrays.stream(result.workers()).asDoubleStream().toArray(), result.speedups(), Chart.Dash.SOLID)
        .line(otherName, Arrays.stream(other.workers()).asDoubleStream().toArray(), other.speedups(), Chart.Dash.SOLID)
        .line("Ideal", x, x, Chart.Dash.DASH)
        .data(table);
    if (result.cores() == other.cores()) {
      b.verticalLine(result.cores(), result.cores() + (result.cores() == 1 ? " core" : " cores"));
    } else {
      b.verticalLine(result.cores(), result.cores() + (result.cores() == 1 ? " core, " : " cores, ") + name);
      b.verticalLine(other.cores(), other.cores() + (other.cores() == 1 ? " core, " : " cores, ") + otherName);
    }
    return b.build();
  }
}

package org.learnparallel.timing;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;
import tech.tablesaw.io.csv.CsvWriteOptions;

/**
 * The CSV file of a {@link SpeedupResult}: {@code # key: value} lines saying where it was measured
 * ({@code machine} and {@code cores} first, then any notes), a header, and a row per worker count.
 * The {@code spread} column is written only when there are spreads, so a file recorded without them
 * reads back without them.
 *
 * <pre>{@code
 * # machine: 2-core AMD EPYC VM (KVM)
 * # cores: 2
 * # work: 200,000,000 darts split over the workers
 * workers,seconds,spread
 * 1,0.312775,0.0021
 * 2,0.156487,0.0034
 * }</pre>
 */
final class SpeedupCsv {
  private static final String MACHINE = "machine";
  private static final String CORES = "cores";

  private SpeedupCsv() {}

  static SpeedupResult read(Path file) throws IOException {
    String text = Files.readString(file);
    Map<String, String> about = new LinkedHashMap<>();
    text.lines().filter(line -> line.startsWith("#")).forEach(line -> {
      String[] keyValue = line.substring(1).split(":", 2);
      about.put(keyValue[0].strip(), keyValue.length > 1 ? keyValue[1].strip() : "");
    });
    String machine = about.remove(MACHINE);
    String cores = about.remove(CORES);
    if (machine == null || cores == null) {
      throw new IllegalArgumentException(file + ": a speed-up CSV needs '# machine:' and '# cores:' lines");
    }
    // the types are given, not guessed: a spread column with gaps must stay numeric
    Table t = Table.read().usingOptions(CsvReadOptions.builder(new StringReader(text))
        .commentPrefix('#')
        .columnTypesPartial(Map.of("workers", ColumnType.INTEGER, "seconds", ColumnType.DOUBLE, "spread", ColumnType.DOUBLE)));
    if (!t.columnNames().containsAll(List.of("workers", "seconds"))) {
      throw new IllegalArgumentException(file + ": a speed-up CSV needs the columns workers,seconds; found " + t.columnNames());
    }
    double[] seconds = t.doubleColumn("seconds").asDoubleArray();
    double[] spreads = t.containsColumn("spread") ? t.doubleColumn("spread").asDoubleArray() : nan(seconds.length);
    return new SpeedupResult(machine, Integer.parseInt(cores), t.intColumn("workers").asIntArray(), seconds, spreads, about);
  }

  static void write(SpeedupResult result, Path file) throws IOException {
    StringBuilder text = new StringBuilder();
    line(text, MACHINE, result.machine());
    line(text, CORES, String.valueOf(result.cores()));
    result.notes().forEach((key, value) -> line(text, key, value));
    Table t = Table.create(IntColumn.create("workers", result.workers()), DoubleColumn.create("seconds", nanos(result.seconds())));
    if (Arrays.stream(result.spreads()).anyMatch(Double::isFinite)) {
      t.addColumns(DoubleColumn.create("spread", nanos(result.spreads())));
    }
    StringWriter rows = new StringWriter();
    // "\n" whatever the system: the file reads the same everywhere, and diffs stay clean in git
    t.write().csv(CsvWriteOptions.builder(rows).lineEnd("\n").build());
    Files.writeString(file, text.append(rows));
  }

  static double[] nan(int n) {
    double[] values = new double[n];
    Arrays.fill(values, Double.NaN);
    return values;
  }

  // Whole nanoseconds, what System.nanoTime counts: 0.005089884 rather than 0.005089883999999999.
  private static double[] nanos(double[] seconds) {
    return Arrays.stream(seconds).map(s -> Math.rint(s * 1e9) / 1e9).toArray();
  }

  private static void line(StringBuilder text, String key, String value) {
    text.append("# ").append(key).append(value.isEmpty() ? "" : ": " + value).append('\n');
  }
}

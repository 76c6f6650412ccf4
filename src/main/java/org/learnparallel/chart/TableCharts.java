package org.learnparallel.chart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Charts drawn straight from a tablesaw {@link Table}'s columns: what {@link Chart#line} and
 * {@link Chart#bar} make, with the {@link Chart.Builder} like any other chart.
 *
 * <pre>{@code
 * Chart c = TableCharts.line(table, "workers", "seconds"); // what Chart.line(...) returns
 * }</pre>
 */
final class TableCharts {
  private TableCharts() {}

  static Chart line(Table table, String xColumn, String... yColumns) {
    Chart.Builder b = Chart.builder(nameOf(table)).xTitle(xColumn).yTitle(yColumns.length == 1 ? yColumns[0] : "").data(table);
    double[] x = numbers(table.column(xColumn));
    if (x.length > 0 && Arrays.stream(x).allMatch(v -> v == Math.rint(v))) {
      b.integerX(Arrays.stream(x).max().getAsDouble());
    }
    for (String y : yColumns) {
      b.line(y, x, numbers(table.column(y)), Chart.Dash.SOLID);
    }
    return b.build();
  }

  static Chart bar(Table table, String labelColumn, String... valueColumns) {
    Chart.Builder b = Chart.builder(nameOf(table)).xTitle(labelColumn).yTitle(valueColumns.length == 1 ? valueColumns[0] : "").data(table);
    List<String> labels = labels(table.column(labelColumn));
    for (String v : valueColumns) {
      b.bar(v, labels, numbers(table.column(v)), null);
    }
    return b.build();
  }

  private static double[] numbers(Column<?> column) {
    if (!(column instanceof NumericColumn<?>)) {
      throw new IllegalArgumentException("column '" + column.name() + "' is not numeric");
    }
    return ((NumericColumn<?>) column).asDoubleArray();
  }

  private static String nameOf(Table table) {
    return table.name() == null ? "" : table.name();
  }

  private static List<String> labels(Column<?> column) {
    List<String> labels = new ArrayList<>(column.size());
    for (int i = 0; i < column.size(); i++) {
      labels.add(column.getString(i));
    }
    return labels;
  }
}

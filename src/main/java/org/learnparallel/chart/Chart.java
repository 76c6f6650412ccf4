package org.learnparallel.chart;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A chart: a Plotly figure ({@code {"data": [...], "layout": {...}}}) plus the table of numbers
 * behind it. JupyterLab draws the figure offline (MIME type {@value #PLOTLY_MIME}, rendered by the
 * {@code plotly} package's JupyterLab extension); GitHub's preview and terminals show
 * {@link #toText()}.
 *
 * <p>The figure is built as JSON with Jackson rather than converted from tablesaw-jsplot's
 * {@code Figure}: that class only writes JavaScript object literals (single quotes, no escaping,
 * numbers as strings in places) and has no bar {@code base}, which a timeline needs.
 *
 * <pre>{@code
 * Table t = Table.create("runs",
 *     IntColumn.create("workers", 1, 2, 4),
 *     DoubleColumn.create("seconds", 4.0, 2.1, 1.2));
 * Chart.line(t, "workers", "seconds")                // a line chart, as a cell's last expression
 * Chart.bar(t, "workers", "seconds").toJson()        // the Plotly JSON
 * }</pre>
 */
public final class Chart implements Chartable {

  /** The MIME type of Plotly figures that JupyterLab and VS Code render. */
  public static final String PLOTLY_MIME = "application/vnd.plotly.v1+json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String title;
  private final String note;
  private final Table data;
  private final ObjectNode figure;

  private Chart(String title, String note, Table data, ObjectNode figure) {
    this.title = title;
    this.note = note;
    this.data = data;
    this.figure = figure;
  }

  /** Starts a chart with this title. */
  public static Builder builder(String title) {
    return new Builder(title);
  }

  /** One line per numeric {@code yColumns} column against {@code xColumn}, titled with the table's name. */
  public static Chart line(Table table, String xColumn, String... yColumns) {
    Builder b = builder(nameOf(table)).xTitle(xColumn).yTitle(yColumns.length == 1 ? yColumns[0] : "").data(table);
    double[] x = numbers(table.column(xColumn));
    if (x.length > 0 && Arrays.stream(x).allMatch(v -> v == Math.rint(v))) {
      b.integerX(Arrays.stream(x).max().getAsDouble());
    }
    for (String y : yColumns) {
      b.line(y, x, numbers(table.column(y)), Dash.SOLID);
    }
    return b.build();
  }

  /** Grouped bars: one bar per row, labelled by {@code labelColumn}, for each {@code valueColumns} column. */
  public static Chart bar(Table table, String labelColumn, String... valueColumns) {
    Builder b = builder(nameOf(table)).xTitle(labelColumn).yTitle(valueColumns.length == 1 ? valueColumns[0] : "").data(table);
    List<String> labels = labels(table.column(labelColumn));
    for (String v : valueColumns) {
      b.bar(v, labels, numbers(table.column(v)), null);
    }
    return b.build();
  }

  @Override
  public Chart chart() {
    return this;
  }

  public String title() {
    return title;
  }

  /** The numbers behind the chart (a copy). */
  public Table data() {
    return data.copy();
  }

  /** The Plotly figure as a JSON string. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(figure);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a Jackson tree always serializes", e);
    }
  }

  /**
   * The Plotly figure as plain maps, lists, strings and numbers: what a display bundle needs, since
   * the kernel serializes it with its own JSON library.
   */
  public Map<String, Object> toPlotly() {
    return JSON.convertValue(figure, new TypeReference<Map<String, Object>>() {});
  }

  /** The title, the note and the data as a text table: the fallback where no chart can be drawn. */
  public String toText() {
    StringBuilder s = new StringBuilder(title);
    if (!note.isEmpty()) {
      s.append('\n').append(note);
    }
    if (data.columnCount() > 0) {
      s.append('\n').append(data.print());
    }
    return s.toString();
  }

  @Override
  public String toString() {
    return toText();
  }

  /**
   * Line styles: solid for measurements, dashed and dotted for ideals and models.
   *
   * <pre>{@code
   * Chart.builder("ideal").line("ideal", new double[] {1, 2}, new double[] {1, 2}, Chart.Dash.DASH).build()
   * }</pre>
   */
  public enum Dash {
    SOLID("solid"), DASH("dash"), DOT("dot");

    private final String plotly;

    Dash(String plotly) {
      this.plotly = plotly;
    }
  }

  /**
   * Builds a {@link Chart} trace by trace.
   *
   * <pre>{@code
   * Chart.builder("Speed-up").xTitle("workers").yTitle("speed-up")
   *     .line("measured", new double[] {1, 2}, new double[] {1, 1.8}, Chart.Dash.SOLID)
   *     .line("ideal", new double[] {1, 2}, new double[] {1, 2}, Chart.Dash.DASH)
   *     .build()
   * }</pre>
   */
  public static final class Builder {
    private final String title;
    private final ArrayNode traces = JSON.createArrayNode();
    private final ObjectNode layout = JSON.createObjectNode();
    private String note = "";
    private Table data = Table.create();

    private Builder(String title) {
      this.title = Objects.requireNonNull(title, "title");
      // automargin: long tick labels such as pool-10-worker-1 get room instead of being cut
      layout.putObject("xaxis").put("automargin", true);
      layout.putObject("yaxis").put("automargin", true);
    }

    public Builder xTitle(String text) {
      ((ObjectNode) layout.get("xaxis")).putObject("title").put("text", text);
      return this;
    }

    public Builder yTitle(String text) {
      ((ObjectNode) layout.get("yaxis")).putObject("title").put("text", text);
      return this;
    }

    /** Lines under the title (split at {@code \n}), in the chart and in the text fallback. */
    public Builder note(String text) {
      this.note = Objects.requireNonNull(text, "note");
      return this;
    }

    /** The table shown as the text fallback and returned by {@link Chart#data()}. */
    public Builder data(Table table) {
      this.data = table.copy();
      return this;
    }

    /** A line through the points; solid lines also mark each point. */
    public Builder line(String name, double[] x, double[] y, Dash dash) {
      ObjectNode t = trace("scatter", name);
      t.put("mode", dash == Dash.SOLID ? "lines+markers" : "lines");
      t.putObject("line").put("dash", dash.plotly);
      numbers(t.putArray("x"), x);
      numbers(t.putArray("y"), y);
      return this;
    }

    /** Points without lines. */
    public Builder points(String name, double[] x, double[] y) {
      ObjectNode t = trace("scatter", name);
      t.put("mode", "markers");
      numbers(t.putArray("x"), x);
      numbers(t.putArray("y"), y);
      return this;
    }

    /** Vertical bars, one per label; {@code errors} (or null) draws an error bar on each. */
    public Builder bar(String name, List<String> labels, double[] y, double[] errors) {
      ObjectNode t = trace("bar", name);
      strings(t.putArray("x"), labels);
      numbers(t.putArray("y"), y);
      if (errors != null) {
        ObjectNode e = t.putObject("error_y");
        e.put("type", "data").put("visible", true);
        numbers(e.putArray("array"), errors);
      }
      layout.put("barmode", "group");
      return this;
    }

    /**
     * Horizontal bars from {@code start} to {@code start + length} on the row {@code rows[i]},
     * each with a {@code labels[i]} text: one trace of a Gantt chart. Rows read top to bottom.
     */
    public Builder spans(String name, List<String> rows, double[] start, double[] length, List<String> labels) {
      ObjectNode t = trace("bar", name);
      t.put("orientation", "h");
      strings(t.putArray("y"), rows);
      numbers(t.putArray("base"), start);
      numbers(t.putArray("x"), length);
      strings(t.putArray("text"), labels);
      t.put("textposition", "inside");
      ArrayNode hover = t.putArray("hovertext");
      for (int i = 0; i < labels.size(); i++) {
        hover.add(String.format(Locale.ROOT, "%s: %.1f to %.1f", labels.get(i), start[i], start[i] + length[i]));
      }
      t.put("hoverinfo", "text+y");
      // a white edge keeps two adjacent tasks of one worker apart
      t.putObject("marker").putObject("line").put("color", "white").put("width", 1);
      ((ObjectNode) layout.get("yaxis")).put("autorange", "reversed").put("type", "category");
      ((ObjectNode) layout.get("xaxis")).put("rangemode", "tozero");
      layout.put("barmode", "overlay");
      layout.put("showlegend", false); // the rows already name the workers
      layout.putObject("uniformtext").put("mode", "hide").put("minsize", 9);
      return this;
    }

    /** Ticks on whole numbers only (runs, workers): at most about ten of them up to {@code max}. */
    public Builder integerX(double max) {
      ((ObjectNode) layout.get("xaxis")).put("tick0", 0).put("dtick", Math.max(1, Math.ceil(max / 10)));
      return this;
    }

    /** A dotted vertical line across the plot at {@code x}, labelled at the top. */
    public Builder verticalLine(double x, String label) {
      ObjectNode shape = layout.withArray("shapes").addObject();
      shape.put("type", "line").put("xref", "x").put("yref", "paper")
          .put("x0", x).put("x1", x).put("y0", 0).put("y1", 1);
      shape.putObject("line").put("dash", "dot").put("color", "grey");
      ObjectNode a = layout.withArray("annotations").addObject();
      // inside the plot, right of the line: above it would collide with the title's notes
      a.put("x", x).put("xref", "x").put("y", 1).put("yref", "paper")
          .put("xanchor", "left").put("yanchor", "top").put("xshift", 4)
          .put("text", label).put("showarrow", false);
      return this;
    }

    public Chart build() {
      ObjectNode figure = JSON.createObjectNode();
      figure.set("data", traces.deepCopy());
      ObjectNode l = layout.deepCopy();
      // Plotly does not wrap titles: each note line is its own line, and the top margin grows with them
      String[] lines = note.isEmpty() ? new String[0] : note.split("\n");
      StringBuilder text = new StringBuilder(title);
      for (String line : lines) {
        text.append("<br><sub>").append(line).append("</sub>");
      }
      l.putObject("title").put("text", text.toString());
      l.putObject("margin").put("t", 60 + 22 * lines.length);
      figure.set("layout", l);
      return new Chart(title, note, data, figure);
    }

    private ObjectNode trace(String type, String name) {
      return traces.addObject().put("type", type).put("name", name);
    }
  }

  // Plotly reads null as a gap; NaN or Infinity would make the JSON invalid.
  private static void numbers(ArrayNode array, double[] values) {
    for (double v : values) {
      if (Double.isFinite(v)) {
        array.add(v);
      } else {
        array.addNull();
      }
    }
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
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

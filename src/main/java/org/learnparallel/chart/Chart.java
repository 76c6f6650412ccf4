package org.learnparallel.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Line;
import tech.tablesaw.plotly.components.TickSettings;
import tech.tablesaw.plotly.traces.BarTrace;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * A chart: a tablesaw-jsplot {@link Figure} plus the table of numbers behind it. JupyterLab draws it
 * offline as Plotly JSON (MIME type {@value #PLOTLY_MIME}, rendered by the {@code plotly} package's
 * JupyterLab extension; see {@link PlotlyJson}); GitHub's preview and terminals show
 * {@link #toText()}.
 *
 * <p>Traces, axes and layout are tablesaw-jsplot's. What it cannot say and the course needs is added
 * to the Plotly JSON by name, all in one place ({@code PlotlyExtras}): {@link Builder#spans},
 * {@link Builder#bar}'s error bars, {@link Builder#verticalLine}, the room for the note under the
 * title, axis automargin and rangemode.
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

  private final String title;
  private final String note;
  private final Table data;
  private final Figure figure;
  private final String json;

  private Chart(String title, String note, Table data, Figure figure, String json) {
    this.title = title;
    this.note = note;
    this.data = data;
    this.figure = figure;
    this.json = json;
  }

  /** Starts a chart with this title. */
  public static Builder builder(String title) {
    return new Builder(title);
  }

  /** One line per numeric {@code yColumns} column against {@code xColumn}, titled with the table's name. */
  public static Chart line(Table table, String xColumn, String... yColumns) {
    return TableCharts.line(table, xColumn, yColumns);
  }

  /** Grouped bars: one bar per row, labelled by {@code labelColumn}, for each {@code valueColumns} column. */
  public static Chart bar(Table table, String labelColumn, String... valueColumns) {
    return TableCharts.bar(table, labelColumn, valueColumns);
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

  /**
   * The tablesaw-jsplot figure this chart is built on, to take further with tablesaw-jsplot; it lacks
   * what {@link #toPlotly()} adds to it (see the class comment).
   */
  public Figure figure() {
    return figure;
  }

  /** The Plotly figure as a JSON string. */
  public String toJson() {
    return json;
  }

  /**
   * The Plotly figure as plain maps, lists, strings and numbers (a new copy each call): what a
   * display bundle needs, since the kernel serializes it with its own JSON library.
   */
  public Map<String, Object> toPlotly() {
    return PlotlyJson.parse(json);
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
    SOLID(Line.Dash.SOLID), DASH(Line.Dash.DASH), DOT(Line.Dash.DOT);

    private final Line.Dash tablesaw;

    Dash(Line.Dash tablesaw) {
      this.tablesaw = tablesaw;
    }
  }

  /**
   * Builds a {@link Chart} trace by trace, on tablesaw-jsplot's traces, axes and layout.
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
    private final List<Trace> traces = new ArrayList<>();
    private final Axis.AxisBuilder xAxis = Axis.builder();
    private final Axis.AxisBuilder yAxis = Axis.builder();
    private final Layout.LayoutBuilder layout = Layout.builder();
    private final PlotlyExtras extras = new PlotlyExtras(); // what tablesaw-jsplot cannot write
    private String note = "";
    private Table data = Table.create();

    private Builder(String title) {
      this.title = Objects.requireNonNull(title, "title");
    }

    public Builder xTitle(String text) {
      xAxis.title(text);
      return this;
    }

    public Builder yTitle(String text) {
      yAxis.title(text);
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
      traces.add(ScatterTrace.builder(x, y).name(name)
          .mode(dash == Dash.SOLID ? ScatterTrace.Mode.LINE_AND_MARKERS : ScatterTrace.Mode.LINE)
          .line(Line.builder().dash(dash.tablesaw).build())
          .build());
      return this;
    }

    /** Points without lines. */
    public Builder points(String name, double[] x, double[] y) {
      traces.add(ScatterTrace.builder(x, y).name(name).mode(ScatterTrace.Mode.MARKERS).build());
      return this;
    }

    /**
     * Vertical bars, one per label; {@code errors} (or null) draws an error bar on each, reaching
     * {@code errors[i]} above the bar and as far below it, but never below zero: a time is never negative.
     */
    public Builder bar(String name, List<String> labels, double[] y, double[] errors) {
      if (errors != null) {
        extras.errorBars(traces.size(), y, errors);
      }
      traces.add(BarTrace.builder(labels.toArray(), y).name(name).build());
      layout.barMode(Layout.BarMode.GROUP);
      return this;
    }

    /**
     * Horizontal bars from {@code start} to {@code start + length} on the row {@code rows[i]},
     * each with a {@code labels[i]} text: one trace of a Gantt chart. Rows read top to bottom.
     */
    public Builder spans(String name, List<String> rows, double[] start, double[] length, List<String> labels) {
      extras.spans(traces.size(), start, length, labels); // where each bar starts, its text, its hover text
      // BarTrace writes its categories on the y axis and its values on the x axis when horizontal
      traces.add(BarTrace.builder(rows.toArray(), length).name(name)
          .orientation(BarTrace.Orientation.HORIZONTAL).build());
      yAxis.autoRange(Axis.AutoRange.REVERSED).type(Axis.Type.CATEGORY);
      layout.barMode(Layout.BarMode.OVERLAY).showLegend(false); // the rows already name the workers
      return this;
    }

    /** Ticks on whole numbers only (runs, workers): at most about ten of them up to {@code max}. */
    public Builder integerX(double max) {
      xAxis.tickSettings(TickSettings.builder().tick0(0).dTick(Math.max(1, (int) Math.ceil(max / 10))).build());
      return this;
    }

    /** A dotted vertical line across the plot at {@code x}, labelled at the top. */
    public Builder verticalLine(double x, String label) {
      extras.verticalLine(x, label);
      return this;
    }

    public Chart build() {
      // Plotly does not wrap titles: each note line is its own line, and the top margin grows with them
      // (tablesaw-jsplot has no subtitle)
      String[] lines = note.isEmpty() ? new String[0] : note.split("\n");
      StringBuilder text = new StringBuilder(title);
      for (String line : lines) {
        text.append("<br><sub>").append(line).append("</sub>");
      }
      Figure figure = new Figure(layout.title(text.toString()).xAxis(xAxis.build()).yAxis(yAxis.build()).build(),
          traces.toArray(new Trace[0]));
      return new Chart(title, note, data, figure, extras.json(figure, lines.length));
    }
  }
}

package org.learnparallel.chart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.plotly.components.Figure;

/**
 * The Plotly attributes a {@link Chart.Builder} needs that tablesaw-jsplot 0.44.4 cannot write,
 * kept per trace (by its index) and for the layout, then merged into tablesaw-jsplot's own JSON by
 * {@link #json}: error bars, the spans of a Gantt chart, vertical lines, axis automargin and
 * rangemode, and the room for the note under the title.
 *
 * <pre>{@code
 * PlotlyExtras extras = new PlotlyExtras();
 * extras.verticalLine(2, "2 cores");
 * extras.json(figure, 0) // the figure's Plotly JSON, with the line
 * }</pre>
 */
final class PlotlyExtras {
  private final Map<Integer, Map<String, Object>> traces = new LinkedHashMap<>();
  private final Map<String, Object> layout = new LinkedHashMap<>();

  PlotlyExtras() {
    // automargin: long tick labels such as pool-10-worker-1 get room instead of being cut
    // (tablesaw-jsplot's axis template drops TickSettings.autoMargin)
    layout.put("xaxis", new LinkedHashMap<>(Map.of("automargin", true)));
    layout.put("yaxis", new LinkedHashMap<>(Map.of("automargin", true)));
    // tablesaw-jsplot always writes a fixed 800x600 size; the course's charts take the cell's width
    layout.put("width", null);
    layout.put("height", null);
  }

  /**
   * Error bars on the bars of trace {@code trace} (tablesaw-jsplot's BarTrace has none), reaching
   * {@code errors[i]} above each bar and as far below it, but never below zero.
   */
  void errorBars(int trace, double[] y, double[] errors) {
    double[] below = new double[errors.length];
    for (int i = 0; i < errors.length; i++) {
      below[i] = Math.min(errors[i], Math.max(0, y[i]));
    }
    traces.put(trace, Map.of("error_y", Map.of("type", "data", "visible", true,
        "symmetric", false, "array", PlotlyJson.finite(errors), "arrayminus", PlotlyJson.finite(below))));
  }

  /**
   * Trace {@code trace}, horizontal bars of {@code length}, as the spans of a Gantt chart: each from
   * {@code start[i]}, with its {@code labels[i]} inside and as hover text, on an x axis from zero.
   */
  void spans(int trace, double[] start, double[] length, List<String> labels) {
    List<String> hover = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      hover.add(String.format(Locale.ROOT, "%s: %.1f to %.1f", labels.get(i), start[i], start[i] + length[i]));
    }
    // tablesaw-jsplot's BarTrace has no base (where a bar starts), text or hover text: a Gantt
    // chart needs all three. A white edge keeps two adjacent tasks of one worker apart.
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("base", PlotlyJson.finite(start));
    extra.put("text", List.copyOf(labels));
    extra.put("textposition", "inside");
    extra.put("hovertext", hover);
    extra.put("hoverinfo", "text+y");
    extra.put("marker", Map.of("line", Map.of("color", "white", "width", 1)));
    traces.put(trace, extra);
    axis("xaxis").put("rangemode", "tozero"); // the axis template drops rangeMode
    layout.put("uniformtext", Map.of("mode", "hide", "minsize", 9));
  }

  /** A dotted vertical line across the plot at {@code x}, labelled at the top. */
  void verticalLine(double x, String label) {
    // tablesaw-jsplot's Layout has neither shapes nor annotations
    list("shapes").add(Map.of("type", "line", "xref", "x", "yref", "paper",
        "x0", x, "x1", x, "y0", 0, "y1", 1, "line", Map.of("dash", "dot", "color", "grey")));
    // inside the plot, right of the line: above it would collide with the title's notes
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("x", x);
    a.put("xref", "x");
    a.put("y", 1);
    a.put("yref", "paper");
    a.put("xanchor", "left");
    a.put("yanchor", "top");
    a.put("xshift", 4);
    a.put("text", label);
    a.put("showarrow", false);
    list("annotations").add(a);
  }

  /**
   * The figure's Plotly JSON with these attributes merged in, and a top margin that grows with the
   * {@code noteLines} lines under the title (tablesaw-jsplot's Margin would also fix the other sides).
   */
  String json(Figure figure, int noteLines) {
    Map<String, Object> plotly = PlotlyJson.of(figure);
    Map<String, Object> layoutExtras = new LinkedHashMap<>(layout);
    layoutExtras.put("margin", Map.of("t", 60 + 22 * noteLines));
    PlotlyJson.merge(PlotlyJson.layout(plotly), layoutExtras);
    traces.forEach((i, extra) -> PlotlyJson.merge(PlotlyJson.traces(plotly).get(i), extra));
    return PlotlyJson.toJson(plotly);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> axis(String name) {
    return (Map<String, Object>) layout.get(name);
  }

  @SuppressWarnings("unchecked")
  private List<Object> list(String name) {
    return (List<Object>) layout.computeIfAbsent(name, k -> new ArrayList<>());
  }
}

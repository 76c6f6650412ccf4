package org.learnparallel.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.BarTrace;
import tech.tablesaw.plotly.traces.ScatterTrace;

class ChartTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Table runs() {
    return Table.create("Runs",
        IntColumn.create("workers", 1, 2, 4),
        DoubleColumn.create("seconds", 4.0, 2.1, 1.2),
        DoubleColumn.create("cpu", 4.0, 4.2, 4.8));
  }

  @Test
  void lineChartFromATable() throws IOException {
    JsonNode fig = JSON.readTree(Chart.line(runs(), "workers", "seconds", "cpu").toJson());
    JsonNode data = fig.get("data");
    assertEquals(2, data.size());
    assertEquals("scatter", data.get(0).get("type").asText());
    assertEquals("seconds", data.get(0).get("name").asText());
    assertEquals("[1.0,2.0,4.0]", data.get(0).get("x").toString());
    assertEquals("[4.0,2.1,1.2]", data.get(0).get("y").toString());
    assertEquals("cpu", data.get(1).get("name").asText());
    assertEquals("Runs", fig.get("layout").get("title").get("text").asText());
    assertEquals("workers", fig.get("layout").get("xaxis").get("title").get("text").asText());
    assertEquals(1, fig.get("layout").get("xaxis").get("dtick").asInt(), "whole numbers get whole ticks");
  }

  @Test
  void barChartFromATable() throws IOException {
    Table t = Table.create("Serial vs parallel", StringColumn.create("how", "serial", "parallel"),
        DoubleColumn.create("ms", 120, 65));
    JsonNode trace = JSON.readTree(Chart.bar(t, "how", "ms").toJson()).get("data").get(0);
    assertEquals("bar", trace.get("type").asText());
    assertEquals("[\"serial\",\"parallel\"]", trace.get("x").toString());
    assertEquals("[120.0,65.0]", trace.get("y").toString());
  }

  @Test
  void nonFiniteNumbersBecomeGapsSoTheJsonStaysValid() throws IOException {
    Chart c = Chart.builder("gaps").points("p", new double[] {1, 2, 3},
        new double[] {1, Double.NaN, Double.POSITIVE_INFINITY}).build();
    assertEquals("[1.0,null,null]", JSON.readTree(c.toJson()).get("data").get(0).get("y").toString());
    Chart bars = Chart.builder("gaps").bar("b", List.of("a"), new double[] {Double.NaN}, new double[] {Double.NaN}).build();
    JsonNode bar = JSON.readTree(bars.toJson()).get("data").get(0);
    assertEquals("[null]", bar.get("y").toString());
    assertEquals("[null]", bar.get("error_y").get("array").toString());
  }

  @Test
  void spansAreHorizontalBarsWithABase() throws IOException {
    Chart c = Chart.builder("2 tasks").spans("w1", List.of("w1", "w1"), new double[] {0, 10},
        new double[] {10, 5}, List.of("a", "b")).build();
    JsonNode fig = JSON.readTree(c.toJson());
    JsonNode t = fig.get("data").get(0);
    assertEquals("h", t.get("orientation").asText());
    assertEquals("[0.0,10.0]", t.get("base").toString());
    assertEquals("[10.0,5.0]", t.get("x").toString());
    assertEquals("b: 10.0 to 15.0", t.get("hovertext").get(1).asText());
    assertEquals("reversed", fig.get("layout").get("yaxis").get("autorange").asText());
  }

  @Test
  void quotesAndMarkupInNamesAreEscaped() throws IOException {
    Chart c = Chart.builder("Amdahl's \"law\"").note("a <b> note\nline two").points("it's", new double[] {1}, new double[] {1}).build();
    JsonNode fig = JSON.readTree(c.toJson());
    assertEquals("it's", fig.get("data").get(0).get("name").asText());
    assertEquals("Amdahl's \"law\"<br><sub>a <b> note</sub><br><sub>line two</sub>", fig.get("layout").get("title").get("text").asText());
    assertEquals(60 + 2 * 22, fig.get("layout").get("margin").get("t").asInt());
  }

  @Test
  void plotlyMapsAreWhatADisplayBundleNeeds() {
    Map<String, Object> fig = Chart.line(runs(), "workers", "seconds").toPlotly();
    assertEquals(List.of("data", "layout"), List.copyOf(fig.keySet()));
    assertTrue(fig.get("data") instanceof List<?>);
    assertTrue(fig.get("layout") instanceof Map<?, ?>);
  }

  @Test
  void errorBarsNeverReachBelowZero() throws IOException {
    Chart c = Chart.builder("Spread").bar("ms", List.of("a", "b"), new double[] {2, 0.3}, new double[] {0.5, 0.8}).build();
    JsonNode error = JSON.readTree(c.toJson()).get("data").get(0).get("error_y");
    assertEquals("[0.5,0.8]", error.get("array").toString(), "up: the whole spread");
    assertEquals("[0.5,0.3]", error.get("arrayminus").toString(), "down: clipped at zero");
    assertFalse(error.get("symmetric").asBoolean());
  }

  @Test
  void chartsAreTablesawFiguresWithTheCourseAdditions() throws IOException {
    Chart c = Chart.builder("Errors").bar("ms", List.of("a", "b"), new double[] {2, 3}, new double[] {0.5, 0.25})
        .verticalLine(1, "cores").build();
    assertTrue(c.figure().getTraces()[0] instanceof BarTrace, "built on tablesaw-jsplot");
    JsonNode fig = JSON.readTree(c.toJson());
    assertEquals("[0.5,0.25]", fig.get("data").get(0).get("error_y").get("array").toString());
    JsonNode barmode = fig.get("layout").get("barmode");
    assertTrue(barmode == null || barmode.asText().equals("group"), "grouped bars (Plotly's default, which tablesaw leaves out)");
    assertEquals("line", fig.get("layout").get("shapes").get(0).get("type").asText());
    assertEquals("cores", fig.get("layout").get("annotations").get(0).get("text").asText());
    assertTrue(fig.get("layout").get("yaxis").get("automargin").asBoolean());
    assertTrue(fig.get("layout").get("width") == null, "the chart takes the cell's width, not tablesaw's 800 px");
  }

  @Test
  void anyTablesawFigureBecomesPlotlyJson() throws IOException {
    Figure f = new Figure(Layout.builder("It's <b>bold</b>").xAxis(Axis.builder().title("n").build()).build(),
        ScatterTrace.builder(new double[] {1, 2}, new double[] {3, Double.NaN}).name("a & b").build());
    JsonNode fig = JSON.readTree(PlotlyJson.toJson(f));
    assertEquals("It's <b>bold</b>", fig.get("layout").get("title").get("text").asText(), "HTML escaping undone");
    assertEquals("n", fig.get("layout").get("xaxis").get("title").get("text").asText());
    assertEquals(800, fig.get("layout").get("width").asInt(), "a student's figure keeps tablesaw's size");
    assertEquals("a & b", fig.get("data").get(0).get("name").asText());
    assertEquals("[1.0,2.0]", fig.get("data").get(0).get("x").toString(), "numbers, not strings");
    assertEquals("[3.0,null]", fig.get("data").get(0).get("y").toString(), "NaN is a gap");
  }

  @Test
  void textFallbackIsTitleNoteAndTable() {
    Chart c = Chart.builder("Runs").note("on a laptop").data(runs()).build();
    String text = c.toText();
    assertTrue(text.startsWith("Runs\non a laptop\n"), text);
    assertTrue(text.contains("workers"), text);
    assertTrue(text.contains("2.1"), text);
    assertEquals(text, c.toString());
  }

  @Test
  void unnamedTableGivesAnUntitledChart() {
    Table t = Table.create(IntColumn.create("n", 1, 2), DoubleColumn.create("s", 2, 1));
    assertEquals("", Chart.line(t, "n", "s").title());
  }

  @Test
  void textColumnsCannotBeDrawnAsNumbers() {
    Table t = Table.create("t", StringColumn.create("a", "x"), StringColumn.create("b", "y"));
    assertThrows(IllegalArgumentException.class, () -> Chart.line(t, "a", "b"));
  }
}

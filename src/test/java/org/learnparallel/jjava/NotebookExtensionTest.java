package org.learnparallel.jjava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.Gson;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.learnparallel.chart.Chart;
import org.learnparallel.timing.SpeedupResult;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.api.ScatterPlot;

class NotebookExtensionTest {

  @Test
  void chartablesRenderAsPlotlyJsonAndText() throws Exception {
    Renderer renderer = new Renderer();
    NotebookExtension.registerCharts(renderer);
    SpeedupResult result = SpeedupResult.of("test", 2, new int[] {1, 2, 3}, new double[] {1.0, 0.55, 0.56});

    DisplayData bundle = renderer.render(result);

    assertEquals(result.toString(), bundle.getData(MIMEType.TEXT_PLAIN));
    // the kernel writes the bundle with Gson: the figure must come out as a JSON object
    String json = new Gson().toJson(bundle.getData(MIMEType.parse(Chart.PLOTLY_MIME)));
    JsonNode fig = new ObjectMapper().readTree(json);
    assertTrue(fig.isObject(), json);
    assertEquals("measured", fig.get("data").get(0).get("name").asText());
    assertEquals("scatter", fig.get("data").get(0).get("type").asText());
    assertTrue(fig.get("layout").isObject());
  }

  @Test
  void aStudentsTablesawFigureRendersAsPlotlyJson() throws Exception {
    Renderer renderer = new Renderer();
    NotebookExtension.registerCharts(renderer);
    Table t = Table.create("squares", IntColumn.create("x", 1, 2, 3), IntColumn.create("y", 1, 4, 9));

    DisplayData bundle = renderer.render(ScatterPlot.create("Squares", t, "x", "y"));

    assertEquals("Figure: Squares", bundle.getData(MIMEType.TEXT_PLAIN));
    JsonNode fig = new ObjectMapper().readTree(new Gson().toJson(bundle.getData(MIMEType.parse(Chart.PLOTLY_MIME))));
    assertEquals("scatter", fig.get("data").get(0).get("type").asText());
    assertEquals("[1.0,4.0,9.0]", fig.get("data").get(0).get("y").toString());
    assertEquals("Squares", fig.get("layout").get("title").get("text").asText());
  }

  @Test
  void importsTheNewPackages() {
    for (String p : new String[] {"timing", "machine", "chart"}) {
      assertTrue(NotebookExtension.IMPORTS.contains("import org.learnparallel." + p + ".*;"), p);
    }
    assertTrue(NotebookExtension.IMPORTS.contains("import java.nio.file.*;"), "Path and Files, for recorded results");
  }
}

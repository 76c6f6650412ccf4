package org.learnparallel.jjava;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.learnparallel.chart.Chart;
import org.learnparallel.chart.Chartable;
import org.learnparallel.chart.PlotlyJson;
import tech.tablesaw.plotly.components.Figure;

/**
 * Loaded by the JJava kernel when this library's jar is on its classpath (listed in
 * {@code META-INF/services/org.dflib.jjava.jupyter.Extension}): imports what the notebooks use, so
 * that a notebook needs no setup cell, and shows every {@link Chartable} that ends a cell as a
 * chart, and every tablesaw-jsplot {@link Figure} that ends a cell as that figure.
 *
 * <pre>{@code
 * // in a notebook cell, with no import written:
 * try (Pool pool = Pool.threads(2)) { pool.map(x -> x * x, List.of(1, 2, 3)); }
 * Machine.current()
 * }</pre>
 *
 * <p>The display bundle holds {@value Chart#PLOTLY_MIME} ({@code {"data": [...], "layout": {...}}},
 * drawn offline by the {@code plotly} package's JupyterLab extension) and {@code text/plain} (the
 * object's {@code toString()}, for GitHub's preview and terminals). Only API that JJava 1.0-a6 and
 * 1.0a8 share is called.
 */
public final class NotebookExtension implements Extension {

  static final String IMPORTS = String.join("\n",
      "import org.learnparallel.pool.*;",
      "import org.learnparallel.function.*;",
      "import org.learnparallel.timing.*;",
      "import org.learnparallel.machine.*;",
      "import org.learnparallel.chart.*;",
      "import org.learnparallel.live.*;",
      // the kernel imports java.util but not streams, which timing examples use everywhere
      "import java.util.stream.*;",
      // for AsyncResult.get(Duration): the kernel does not import java.time
      "import java.time.Duration;",
      // Path and Files: notebooks read and write recorded results (SpeedupResult.readCsv)
      "import java.nio.file.*;",
      // a course on threads: AtomicInteger, ConcurrentHashMap, Function... without an import line
      "import java.util.concurrent.*;",
      "import java.util.concurrent.atomic.*;",
      "import java.util.function.*;");

  @Override
  public void install(BaseKernel kernel) {
    kernel.evalRaw(IMPORTS);
    registerCharts(kernel.getRenderer());
  }

  /**
   * Renders every {@link Chartable} as its chart plus its {@code toString()}, and every tablesaw-jsplot
   * {@link Figure} (e.g. {@code ScatterPlot.create(...)}) as Plotly JSON plus its layout's title.
   */
  static void registerCharts(Renderer renderer) {
    renderer.createRegistration(Chartable.class)
        .preferring(Chart.PLOTLY_MIME, "text/plain")
        .register((chartable, context) -> {
          DisplayData out = context.getOutputContainer();
          // plain maps and lists: the kernel's own JSON library then writes a JSON object, not a string
          out.putData(Chart.PLOTLY_MIME, chartable.chart().toPlotly());
          out.putData("text/plain", chartable.toString());
        });
    renderer.createRegistration(Figure.class)
        .preferring(Chart.PLOTLY_MIME, "text/plain")
        .register((figure, context) -> {
          DisplayData out = context.getOutputContainer();
          out.putData(Chart.PLOTLY_MIME, PlotlyJson.of(figure));
          String title = figure.getLayout() == null ? null : figure.getLayout().getTitle();
          out.putData("text/plain", title == null || title.isEmpty() ? "Figure" : "Figure: " + title);
        });
  }
}

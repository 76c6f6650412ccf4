package org.learnparallel.jjava;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cells the notebooks use, run in JShell (the engine under the JJava kernel) after the
 * extension's imports: they compile, run, and end in something that renders as a chart. Sizes are
 * small, and nothing about speed is asserted.
 */
class NotebookSnippetsTest {
  private static JShell shell;

  @BeforeAll
  static void start() {
    shell = JShell.builder().executionEngine("local").build();
    for (String path : System.getProperty("java.class.path").split(File.pathSeparator)) {
      shell.addToClasspath(path);
    }
    run("import java.util.*;\n" + NotebookExtension.IMPORTS);
  }

  @AfterAll
  static void stop() {
    shell.close();
  }

  /** Evaluates a cell statement by statement, as the kernel does; returns the last value. */
  private static String run(String cell) {
    SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
    String rest = cell;
    String value = null;
    while (!rest.isBlank()) {
      SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
      for (SnippetEvent e : shell.eval(info.source())) {
        if (e.status() == Snippet.Status.REJECTED) {
          fail("does not compile: " + e.snippet().source() + "\n"
              + shell.diagnostics(e.snippet()).map(d -> d.getMessage(null)).toList());
        }
        if (e.exception() != null) {
          fail("threw: " + e.snippet().source(), e.exception());
        }
        value = e.value();
      }
      rest = info.remaining();
    }
    return value;
  }

  private static void assertChart(String cell) {
    run("var last = " + cell.strip() + ";");
    assertEquals("true", run("last instanceof Chartable"));
    assertTrue(run("((Chartable) last).chart().toJson()").contains("\\\"data\\\":["));
  }

  @Test
  void timingCell() {
    assertChart("Bench.runs(3).warmups(1).time(\"sum\", () -> LongStream.range(0, 100_000).sum())");
  }

  @Test
  void serialVersusParallelCell() {
    run("""
        var serial = Bench.time("serial", () -> IntStream.range(0, 100_000).map(i -> i % 7).sum());
        var parallel = Bench.time("parallel", () -> IntStream.range(0, 100_000).parallel().map(i -> i % 7).sum());
        """);
    assertChart("Bench.compare(serial, parallel)");
  }

  @Test
  void speedupCell() {
    run("List<Integer> items = IntStream.range(0, 8).boxed().toList();");
    assertChart("""
        SpeedupStudy.of(workers -> {
          try (Pool pool = Pool.threads(workers)) {
            pool.map(x -> LongStream.range(0, 10_000).map(i -> i % (x + 3)).sum(), items);
          }
        }).upTo(3).runs(1).warmups(0).run()
        """);
  }

  @Test
  void recordedSpeedupCell() {
    assertChart("SpeedupResult.of(\"16-core server\", 16, new int[] {1, 2, 4, 8, 16}, new double[] {8.0, 4.1, 2.2, 1.3, 0.9})");
  }

  @Test
  void concurrencyTypesNeedNoImport() {
    run("AtomicInteger counter = new AtomicInteger();");
    run("ConcurrentHashMap<String, Integer> seen = new ConcurrentHashMap<>();");
    run("Function<Integer, Integer> twice = x -> 2 * x;");
    assertEquals("42", run("twice.apply(counter.addAndGet(21))"));
  }

  @Test
  void recordedVersusLiveCell() {
    // Path without an import: the extension imports java.nio.file
    run("var recorded = SpeedupResult.readCsv(Path.of(\"notebooks/data/speedup-2core-amd-epyc.csv\"));");
    assertChart("SpeedupResult.overlay(\"live\", SpeedupResult.of(\"here\", 1, new int[] {1, 2}, new double[] {1, 1}), \"recorded\", recorded)");
  }

  @Test
  void timelineCells() {
    run("""
        var serialLoop = new Timeline();
        for (int x = 0; x < 4; x++) { int item = x; serialLoop.record("item " + item, () -> Thread.sleep(2)); }
        """);
    assertChart("serialLoop");
    run("""
        var pooled = new Timeline();
        try (Pool pool = Pool.threads(2)) {
          pool.map(pooled.track(x -> { Thread.sleep(2); return x; }), List.of(0, 1, 2, 3, 4, 5, 6, 7));
        }
        """);
    assertChart("pooled");
    assertEquals("8", run("pooled.spans().size()"));
  }

  @Test
  void machineAndTableCells() {
    assertTrue(run("Machine.current()").contains("availableProcessors"));
    run("import tech.tablesaw.api.*;");
    assertChart("Chart.line(Table.create(\"runs\", IntColumn.create(\"workers\", 1, 2, 4), "
        + "DoubleColumn.create(\"seconds\", 4.0, 2.1, 1.2)), \"workers\", \"seconds\")");
  }

  @Test
  void amdahlCell() {
    assertEquals("0.1", run("Math.round(Amdahl.fit(new int[] {1, 2, 4}, new double[] {2.0, 1.1, 0.65}).serialFraction() * 1000) / 1000.0"));
  }

  @Test
  void everyImportResolves() {
    for (String line : List.of(NotebookExtension.IMPORTS.split("\n"))) {
      if (line.startsWith("import")) {
        run(line);
      }
    }
  }
}

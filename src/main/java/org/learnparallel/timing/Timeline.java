package org.learnparallel.timing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.learnparallel.chart.Chart;
import org.learnparallel.chart.Chartable;
import org.learnparallel.pool.function.CheckedFunction;
import org.learnparallel.pool.function.CheckedRunnable;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * Records when each task ran and on which worker (thread), to draw "n tasks on k workers" as a
 * Gantt chart: a row per worker, a bar per task. Times count from the first task's start (in a
 * notebook, the time between creating the timeline and its first task includes compiling the
 * cell's next statements, which is not the pool's doing). Thread-safe.
 *
 * <pre>{@code
 * var serial = new Timeline();
 * for (int x = 0; x < 8; x++) { int item = x; serial.record("item " + item, () -> Thread.sleep(100)); }
 * serial                                           // one row: the cell's thread
 *
 * var pooled = new Timeline();
 * try (Pool pool = Pool.threads(2)) {
 *   pool.map(pooled.track(x -> { Thread.sleep(100); return x; }), List.of(0, 1, 2, 3, 4, 5, 6, 7));
 * }
 * pooled                                           // two rows, four bars each
 * }</pre>
 *
 * <p>Tasks must run in this JVM: a worker process would record into its own copy.
 */
public final class Timeline implements Chartable {

  /**
   * One task's run.
   *
   * <pre>{@code
   * timeline.spans().get(0).duration()   // seconds
   * }</pre>
   *
   * @param label what ran
   * @param worker the name of the thread it ran on
   * @param start when it started, in seconds since the first task started
   * @param end when it ended, in the same seconds
   */
  public record Span(String label, String worker, double start, double end) {
    public double duration() {
      return end - start;
    }
  }

  private final long origin = System.nanoTime();
  // starts and ends here count from the creation; spans() shifts them to the first start
  private final ConcurrentLinkedQueue<Span> spans = new ConcurrentLinkedQueue<>();

  /** Runs {@code task} here and now, records it, and returns its result. */
  public <R> R record(String label, Callable<R> task) throws Exception {
    long start = System.nanoTime();
    try {
      return task.call();
    } finally {
      long end = System.nanoTime();
      spans.add(new Span(label, Thread.currentThread().getName(), (start - origin) / 1e9, (end - origin) / 1e9));
    }
  }

  /** Runs {@code task} here and now and records it. */
  public void record(String label, CheckedRunnable task) throws Exception {
    record(label, () -> {
      task.run();
      return null;
    });
  }

  /** {@code fn}, recording every call under the item's {@code String.valueOf} as label: for {@code pool.map}. */
  public <T, R> CheckedFunction<T, R> track(CheckedFunction<T, R> fn) {
    return item -> record(String.valueOf(item), () -> fn.apply(item));
  }

  /** The recorded runs, by start time. */
  public List<Span> spans() {
    double first = spans.stream().mapToDouble(Span::start).min().orElse(0);
    return spans.stream()
        .map(s -> new Span(s.label(), s.worker(), s.start() - first, s.end() - first))
        .sorted(Comparator.comparingDouble(Span::start))
        .toList();
  }

  /** Per worker: tasks, busy time and the share of the timeline it was busy. */
  public Table summary() {
    Map<String, List<Span>> byWorker = byWorker();
    double wall = wall();
    Table t = Table.create("Workers",
        StringColumn.create("worker"), IntColumn.create("tasks"), DoubleColumn.create("busy (ms)"), DoubleColumn.create("busy %"));
    byWorker.forEach((worker, list) -> {
      double busy = list.stream().mapToDouble(Span::duration).sum();
      t.stringColumn("worker").append(worker);
      t.intColumn("tasks").append(list.size());
      t.doubleColumn("busy (ms)").append(busy * 1e3);
      t.doubleColumn("busy %").append(wall > 0 ? 100 * busy / wall : 0);
    });
    t.doubleColumn("busy (ms)").setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(1));
    t.doubleColumn("busy %").setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(0));
    return t;
  }

  /** A row per worker, a bar per task, in milliseconds since the first task started. */
  @Override
  public Chart chart() {
    Chart.Builder b = Chart.builder(title()).xTitle("milliseconds since the first task started").data(summary());
    byWorker().forEach((worker, list) -> b.spans(worker,
        list.stream().map(Span::worker).toList(),
        list.stream().mapToDouble(s -> s.start() * 1e3).toArray(),
        list.stream().mapToDouble(s -> s.duration() * 1e3).toArray(),
        list.stream().map(Span::label).toList()));
    return b.build();
  }

  @Override
  public String toString() {
    return title() + "\n" + summary().printAll();
  }

  private String title() {
    List<Span> all = spans();
    return all.size() + (all.size() == 1 ? " task on " : " tasks on ") + byWorker().size()
        + (byWorker().size() == 1 ? " worker, " : " workers, ") + Units.duration(wall());
  }

  // Seconds from the first start to the last end.
  private double wall() {
    return spans().stream().mapToDouble(Span::end).max().orElse(0);
  }

  // Workers in name order, shorter first so that worker-2 comes before worker-10; worker-1 is the top row.
  private Map<String, List<Span>> byWorker() {
    Map<String, List<Span>> map = new LinkedHashMap<>();
    Comparator<String> natural = Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder());
    spans().stream().sorted(Comparator.comparing(Span::worker, natural)).forEach(s -> map.computeIfAbsent(s.worker(), w -> new ArrayList<>()).add(s));
    return map;
  }
}

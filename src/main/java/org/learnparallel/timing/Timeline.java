package org.learnparallel.timing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.learnparallel.chart.Chart;
import org.learnparallel.chart.Chartable;
import org.learnparallel.function.CheckedFunction;
import org.learnparallel.function.CheckedRunnable;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * Records when each task ran and on which thread, to draw "n tasks on k threads" as a Gantt chart:
 * a row per thread (a pool's worker, or the cell's own thread), a bar per task. Rows come in the
 * order their threads first started a task, so the chart reads top to bottom as the run went. Times
 * count from the first task's start (in a notebook, the time between creating the timeline and its
 * first task includes compiling the cell's next statements, which is not the pool's doing).
 * Thread-safe.
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
 * pooled.wall().toMillis()                         // from the first start to the last end
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

  /**
   * A timeline of runs recorded elsewhere, for example by a live view ({@code Live.lastTimeline()}):
   * their times in seconds from any common origin.
   */
  public static Timeline of(Collection<Span> runs) {
    Timeline t = new Timeline();
    t.spans.addAll(runs);
    return t;
  }

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

  /**
   * Adds a run that was timed elsewhere (a task on a Spark executor, say), with {@code start} and
   * {@code end} in seconds on a clock of the caller's choice: every span of one timeline must use the
   * same clock, since the chart counts from the earliest start.
   */
  public void add(Span span) {
    spans.add(span);
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

  /**
   * The wall-clock time of the run: from the first task's start to the last task's end (zero with
   * no tasks). The time you waited, whereas the bars added up are the time the threads worked.
   */
  public Duration wall() {
    return Duration.ofNanos(Math.round(wallSeconds() * 1e9));
  }

  /** Per thread, in the chart's row order: tasks, busy time and the share of the timeline it was busy. */
  public Table summary() {
    double wall = wallSeconds();
    Table t = Table.create("Threads",
        StringColumn.create("thread"), IntColumn.create("tasks"), DoubleColumn.create("busy (ms)"), DoubleColumn.create("busy %"));
    byThread().forEach((thread, list) -> {
      double busy = list.stream().mapToDouble(Span::duration).sum();
      t.stringColumn("thread").append(thread);
      t.intColumn("tasks").append(list.size());
      t.doubleColumn("busy (ms)").append(busy * 1e3);
      t.doubleColumn("busy %").append(wall > 0 ? 100 * busy / wall : 0);
    });
    t.doubleColumn("busy (ms)").setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(1));
    t.doubleColumn("busy %").setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(0));
    return t;
  }

  /** A row per thread, a bar per task, in milliseconds since the first task started. */
  @Override
  public Chart chart() {
    Chart.Builder b = Chart.builder(title()).xTitle("milliseconds since the first task started").data(summary());
    byThread().forEach((thread, list) -> b.spans(thread,
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

  // "threads", not "workers": the count is the chart's rows, and a row may be the cell's own thread
  private String title() {
    int tasks = spans.size();
    int threads = byThread().size();
    return tasks + (tasks == 1 ? " task on " : " tasks on ") + threads
        + (threads == 1 ? " thread, " : " threads, ") + Units.duration(wallSeconds());
  }

  // Seconds from the first start to the last end.
  private double wallSeconds() {
    return spans().stream().mapToDouble(Span::end).max().orElse(0);
  }

  // Threads in the order they first started a task: spans() is by start time, the map keeps insertion order.
  private Map<String, List<Span>> byThread() {
    Map<String, List<Span>> map = new LinkedHashMap<>();
    spans().forEach(s -> map.computeIfAbsent(s.worker(), w -> new ArrayList<>()).add(s));
    return map;
  }
}

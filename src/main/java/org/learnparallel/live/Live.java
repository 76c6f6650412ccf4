package org.learnparallel.live;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.learnparallel.pool.Pool;
import org.learnparallel.pool.internal.CallObserver;
import org.learnparallel.pool.internal.Pools;
import org.learnparallel.timing.Timeline;

/**
 * Watch a pool work: while one of its calls runs (map, starmap, imap, apply and their async forms)
 * the notebook cell shows a progress bar (items done of all, items per second, time spent and
 * left), one CPU bar per logical processor (this kernel's share and other programs'), and the task
 * stream (a row per worker, a bar per chunk, growing as it runs). The view is redrawn four times a
 * second and its final state stays in the saved notebook.
 *
 * <pre>{@code
 * try (Pool pool = Live.watch(Pool.threads(2))) {
 *   pool.map(x -> { Thread.sleep(250); return x * x; }, IntStream.range(0, 16).boxed().toList());
 * }
 * Live.last().get()          // "2 workers: 16/16 items (100 %), 2.0 s, 7.9 items/s · CPU (whole call): ..."
 * Live.lastTimeline()        // the same task stream as a Timeline chart
 * }</pre>
 *
 * <p>Calls shorter than about 0.3 s show nothing. A view is drawn in the output of the cell that made
 * the call, also after that cell has ended: an async call's view, and the final state of a call
 * whose cell was interrupted. Drawing takes one thread per call, which ends before the call returns
 * (also when the call fails or its cell is interrupted). Outside a notebook (plain Java, JUnit)
 * nothing is drawn, but {@link #last()} still tells the final state.
 */
public final class Live {
  private static volatile LiveCall lastCall;

  private Live() {}

  /**
   * Makes {@code pool} show a live view of each of its calls from now on, and returns it. Works on
   * the pools of {@link Pool#threads(int)}, {@link Pool#processes(int)} and {@link Pool#builder()}.
   * With worker processes the chunks are seen only as they end (they run in other JVMs), and the
   * CPU bars count the workers as this kernel's. The first call in a JVM takes a second or two
   * to find the processors and draws a few frames unseen (loading and warming the drawing code), so
   * that no watched call pays for it.
   *
   * @throws IllegalArgumentException for a pool of another kind
   */
  public static Pool watch(Pool pool) {
    Objects.requireNonNull(pool, "the pool is null");
    prepare();
    if (!Pools.watch(pool, watcher(Screen.notebook()))) {
      throw new IllegalArgumentException("Live.watch needs a pool made by Pool.threads, Pool.processes or Pool.builder, got "
          + pool.getClass().getName());
    }
    return pool;
  }

  /** Stops showing a view for {@code pool}'s calls; returns it. */
  public static Pool unwatch(Pool pool) {
    Pools.watch(pool, null);
    return pool;
  }

  /**
   * The text line of the last watched call's final state, such as
   * {@code 2 workers: 16/16 items (100 %), 2.0 s, 7.9 items/s}, or, while it runs, of its last
   * frame; empty before any watched call.
   */
  public static Optional<String> last() {
    LiveCall c = lastCall;
    return c == null || c.last() == null ? Optional.empty() : Optional.of(c.last().text());
  }

  /** The chunks of the last watched call that ran in this JVM, as a {@link Timeline}: a row per worker, a bar per chunk. */
  public static Timeline lastTimeline() {
    LiveCall c = lastCall;
    if (c == null || c.last() == null) {
      throw new IllegalStateException("no watched call has run yet: see Live.watch");
    }
    List<Timeline.Span> spans = c.last().runs().stream()
        .filter(r -> !Double.isNaN(r.end()))
        .map(r -> new Timeline.Span(r.label(), r.worker(), r.start(), r.end()))
        .toList();
    return Timeline.of(spans);
  }

  /** Pays, once per JVM, what the first readings and frames cost, so that no call pays for it. */
  static void prepare() {
    CpuMeter.prepare();
    LiveCall.rehearse();
  }

  static CallObserver.Factory watcher(Screen screen) {
    return (items, chunks, workers, inThisJvm) -> { // called by the thread that makes the call: its cell's
      LiveCall call = new LiveCall(workers + (workers == 1 ? " worker" : " workers"), items, workers, inThisJvm,
          screen == null ? null : screen.forThisCell(), System::nanoTime);
      lastCall = call;
      return call;
    };
  }
}

package org.learnparallel.pool.internal.process;

import java.util.function.LongSupplier;

/**
 * How many tasks one worker may have at once: one running, others sent ahead so that it does not
 * wait for the parent between two tasks. The shorter the tasks (the time between replies,
 * averaged), the deeper: the replies to tiny ones arrive in bursts, which the parent answers with
 * one write, and the worker must not run dry meanwhile; long ones only one ahead, so that a worker
 * that falls idle does not watch another hold several tasks that it could run. A worker idle for a
 * while starts again one task ahead: the next call's tasks may be long.
 *
 * <p>The worker's reader thread reports each reply; {@link Dispatch} reads the depth under its lock.
 *
 * <pre>{@code
 * PipelineDepth d = new PipelineDepth(System::nanoTime);
 * d.replied();
 * d.depth(false); // LONG, SHORT or TINY, from the time between replies
 * }</pre>
 */
final class PipelineDepth {
  static final int LONG = 2;
  static final int SHORT = 6;
  static final int TINY = 32;
  private static final long SHORT_GAP = 1_000_000; // ns
  private static final long TINY_GAP = 50_000; // ns

  private final LongSupplier clock;
  private volatile int depth = LONG;
  private volatile long lastReply; // only the reader thread writes it after the constructor
  private long gap = SHORT_GAP; // between replies, a moving average; only the reader thread uses it

  /** @param clock nanoseconds, as {@link System#nanoTime()} */
  PipelineDepth(LongSupplier clock) {
    this.clock = clock;
    this.lastReply = clock.getAsLong();
  }

  /** The depth now; back to {@link #LONG} for a worker {@code idle} for over 1 ms since its last reply. */
  int depth(boolean idle) {
    if (idle && depth != LONG && clock.getAsLong() - lastReply > SHORT_GAP) {
      depth = LONG;
    }
    return depth;
  }

  /** A reply came (from the reader thread): a slower pace counts at once, a faster one gradually. */
  void replied() {
    long now = clock.getAsLong();
    long since = now - lastReply;
    gap = since > SHORT_GAP ? since : gap + (since - gap) / 8;
    depth = gap < TINY_GAP ? TINY : gap < SHORT_GAP ? SHORT : LONG;
    lastReply = now;
  }
}

package org.learnparallel.pool.internal.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The depth follows the time between replies, on a clock the test sets: no timing, no flakes. */
class PipelineDepthTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final PipelineDepth depth = new PipelineDepth(now::get);

  private void replyAfter(long nanos) {
    now.addAndGet(nanos);
    depth.replied();
  }

  @Test
  void startsOneTaskAhead() {
    assertEquals(PipelineDepth.LONG, depth.depth(true));
    assertEquals(PipelineDepth.LONG, depth.depth(false));
  }

  @Test
  void tinyTasksDeepenItGraduallyAndOneSlowReplyMakesItShallowAtOnce() {
    replyAfter(10_000); // 10 us: the average gap moves only an eighth of the way
    assertEquals(PipelineDepth.SHORT, depth.depth(false));
    for (int i = 0; i < 30; i++) {
      replyAfter(10_000);
    }
    assertEquals(PipelineDepth.TINY, depth.depth(false));
    replyAfter(100_000); // 0.1 ms: faster than a short task, the average rises only an eighth of the way
    assertEquals(PipelineDepth.TINY, depth.depth(false));
    replyAfter(5_000_000); // 5 ms: a long task counts at once
    assertEquals(PipelineDepth.LONG, depth.depth(false));
  }

  @Test
  void anIdleWorkerStartsAgainOneTaskAhead() {
    for (int i = 0; i < 40; i++) {
      replyAfter(10_000);
    }
    now.addAndGet(2_000_000); // 2 ms without a reply
    assertEquals(PipelineDepth.TINY, depth.depth(false), "busy: its tasks are running, not idle");
    assertEquals(PipelineDepth.LONG, depth.depth(true), "idle for over 1 ms: the next call's tasks may be long");
    assertEquals(PipelineDepth.LONG, depth.depth(false));
  }

  @Test
  void aShortIdlePauseKeepsTheDepth() {
    for (int i = 0; i < 40; i++) {
      replyAfter(10_000);
    }
    now.addAndGet(500_000); // 0.5 ms: the gap between two calls of a loop
    assertEquals(PipelineDepth.TINY, depth.depth(true));
  }
}

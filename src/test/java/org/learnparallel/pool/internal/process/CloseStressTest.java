package org.learnparallel.pool.internal.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.learnparallel.pool.AsyncResult;
import org.learnparallel.pool.Pool;

/**
 * The lifecycle race of issue #16: with {@code maxTasksPerChild(1)} every task starts a
 * replacement worker, and {@code close()} must neither lose a queued task nor return while a
 * replacement (or the replacement of a replacement) is alive. Each round closes a pool, then
 * checks at once that no process of this JVM is alive.
 *
 * <p>Two kinds of rounds, alternating: {@code close()} right after a {@code map} returned (the
 * replacements it started are still booting), and {@code close()} right after a
 * {@code mapAsync}, while tasks are queued (replacements start one after another during
 * {@code close()}). Before the fix, the second kind lost a queued task at once
 * ({@code WorkerDiedException}: a replacer ended the old worker's input while it still had a task).
 *
 * <p>Rounds: 50, not the 1,000 the issue suggests. A round boots three or four worker JVMs one
 * after another (about 0.15 s each on a quiet 2-core machine, seconds under load), so 1,000 rounds
 * would take ten minutes or more of the test command; 50 rounds close a pool about 150 times with
 * replacements at every stage of their start (launched, booting, ready, retiring).
 */
class CloseStressTest {
  private static final int ROUNDS = 50;

  @Test
  void noTaskLostAndNoWorkerOutlivesCloseWithMaxTasksPerChild() {
    assertTimeoutPreemptively(Duration.ofMinutes(8), () -> {
      for (int round = 0; round < ROUNDS; round++) {
        List<Integer> squares;
        try (Pool pool = Pool.builder().workers(round % 2 == 0 ? 2 : 1).maxTasksPerChild(1).processes()) {
          if (round % 2 == 0) {
            squares = pool.map(x -> x * x, List.of(0, 1, 2), 1);
          } else {
            AsyncResult<List<Integer>> queued = pool.mapAsync(x -> x * x, List.of(0, 1, 2), 1);
            pool.close(); // tasks 1 and 2 are queued: close() lets them run
            squares = queued.get();
          }
        }
        assertEquals(List.of(0, 1, 4), squares, "round " + round);
        List<String> alive = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
            .map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList();
        assertEquals(List.of(), alive, "round " + round + ": worker processes alive after close()");
      }
    });
  }
}

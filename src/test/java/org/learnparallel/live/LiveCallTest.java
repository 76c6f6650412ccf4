package org.learnparallel.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.learnparallel.pool.Pool;
import org.learnparallel.pool.internal.Pools;

/**
 * The frames a live view draws while a CPU-bound map keeps both workers busy: each redraw shows
 * busy processors, none the idle bars of a CPU reading that repeated the one before it.
 */
class LiveCallTest {

  @Test
  void everyRedrawOfABusyMapShowsBusyProcessors() {
    List<Frame> drawn = new CopyOnWriteArrayList<>();
    Screen screen = new Screen() {
      @Override
      public String show(Frame frame) {
        drawn.add(frame);
        return "view";
      }

      @Override
      public void update(String id, Frame frame) {
        drawn.add(frame);
      }
    };
    Live.prepare(); // as Live.watch does
    try (Pool pool = Pool.threads(2)) {
      Pools.watch(pool, Live.watcher(screen));
      pool.map(x -> {
        long end = System.nanoTime() + 100_000_000L; // 0.1 s of CPU-bound work, 2 s in all
        long spins = 0;
        while (System.nanoTime() < end) {
          spins++;
        }
        return spins;
      }, IntStream.range(0, 40).boxed().toList());
    }
    List<Frame> redraws = drawn.subList(1, drawn.size() - 1); // the first has no CPU reading yet; the last covers the call
    assertTrue(redraws.size() >= 4, "only " + redraws.size() + " redraws in a 2 s map");
    for (Frame f : redraws) {
      double busy = f.cpu().mineOverall() + f.cpu().othersOverall();
      assertTrue(busy > 0.2, "a redraw showed the processors idle while 2 workers spun: " + f.text());
    }
    assertEquals(40, drawn.get(drawn.size() - 1).done());
  }

  @Test
  void everyItemIsCountedOnceWhateverTheChunksAndWorkers() {
    List<Integer> items = IntStream.range(0, 10).boxed().toList();
    try (Pool threads = Live.watch(Pool.threads(2)); Pool processes = Live.watch(Pool.processes(2))) {
      for (Pool pool : List.of(threads, processes)) { // threads count each item; processes each chunk at its end
        for (int chunksize : new int[] {1, 3, 10}) {
          assertEquals(List.of(0, 1, 4, 9, 16, 25, 36, 49, 64, 81), pool.map(x -> x * x, items, chunksize));
          String last = Live.last().orElseThrow();
          assertTrue(last.startsWith("2 workers: 10/10 items (100 %)"), chunksize + " a chunk: " + last);
        }
      }
    }
  }
}

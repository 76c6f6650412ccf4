package org.learnparallel.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PoolTest {
  @Test
  void mapKeepsInputOrder() {
    try (Pool pool = Pool.threads(2)) {
      assertEquals(List.of(1, 4, 9, 16, 25), pool.map(x -> x * x, List.of(1, 2, 3, 4, 5)));
    }
  }

  @Test
  void starmapOfTriples() {
    try (Pool pool = Pool.threads(2)) {
      List<Integer> sums = pool.starmap((x, y, z) -> x + y + z,
          List.of(Args.of(1, 2, 3), Args.of(10, 20, 30), Args.of(100, 0, -100)));
      assertEquals(List.of(6, 60, 0), sums);
    }
  }

  @Test
  void failingTaskNamesItsIndex() {
    try (Pool pool = Pool.threads(2)) {
      TaskFailedException e = assertThrows(TaskFailedException.class, () -> pool.map(x -> 10 / x, List.of(1, 0, 2)));
      assertEquals(1, e.index());
      assertEquals(ArithmeticException.class, e.getCause().getClass());
    }
  }
}

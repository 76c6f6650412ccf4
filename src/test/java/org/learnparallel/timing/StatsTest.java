package org.learnparallel.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StatsTest {
  @Test
  void evenCountByHand() {
    // mean 2.5; squared deviations 2.25 + 0.25 + 0.25 + 2.25 = 5; sample variance 5 / 3
    Stats s = Stats.of(4, 1, 3, 2);
    assertEquals(new Stats(4, 1, 2.5, 2.5, Math.sqrt(5.0 / 3), 4), s);
  }

  @Test
  void oddCountByHand() {
    // mean 4; squared deviations 9 + 4 + 1 + 0 + 36 = 50; sample variance 50 / 4
    Stats s = Stats.of(10, 1, 4, 2, 3);
    assertEquals(new Stats(5, 1, 3, 4, Math.sqrt(12.5), 10), s);
  }

  @Test
  void textbookSample() {
    // the classic 2, 4, 4, 4, 5, 5, 7, 9: population deviation 2, sample one sqrt(32 / 7)
    Stats s = Stats.of(2, 4, 4, 4, 5, 5, 7, 9);
    assertEquals(4.5, s.median());
    assertEquals(5, s.mean(), 1e-12);
    assertEquals(Math.sqrt(32.0 / 7), s.stddev(), 1e-12);
  }

  @Test
  void oneValueHasNoSpread() {
    assertEquals(new Stats(1, 7, 7, 7, Double.NaN, 7), Stats.of(7)); // no spread, as Timing.stddev() says
  }

  @Test
  void noValuesIsAnError() {
    assertThrows(IllegalArgumentException.class, Stats::of);
  }

  @Test
  void inputIsNotReordered() {
    double[] v = {3, 1, 2};
    Stats.of(v);
    assertEquals(3, v[0]);
  }
}

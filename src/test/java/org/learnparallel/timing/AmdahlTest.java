package org.learnparallel.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AmdahlTest {
  private static final int[] WORKERS = IntStream.rangeClosed(1, 8).toArray();

  private static double[] times(double s, double t1) {
    return IntStream.of(WORKERS).mapToDouble(n -> t1 * (s + (1 - s) / n)).toArray();
  }

  @Test
  void recoversAKnownSerialFraction() {
    Amdahl law = Amdahl.fit(WORKERS, times(0.2, 10));
    assertEquals(0.2, law.serialFraction(), 1e-12);
    assertEquals(10, law.t1(), 1e-12);
  }

  @Test
  void recoversItThroughNoise() {
    double[] t = times(0.05, 4);
    for (int i = 0; i < t.length; i++) {
      t[i] *= 1 + (i % 2 == 0 ? 0.01 : -0.01); // ±1 %, alternating
    }
    assertEquals(0.05, Amdahl.fit(WORKERS, t).serialFraction(), 0.01);
  }

  @Test
  void clampsToTheLawsRange() {
    // super-linear: faster than 1/n gives a negative intercept
    assertEquals(0, Amdahl.fit(new int[] {1, 2}, new double[] {1, 0.4}).serialFraction());
    // slower with more workers
    assertEquals(1, Amdahl.fit(new int[] {1, 2}, new double[] {1, 1.2}).serialFraction());
  }

  @Test
  void needsTwoDifferentWorkerCounts() {
    assertThrows(IllegalArgumentException.class, () -> Amdahl.fit(new int[] {2, 2}, new double[] {1, 1}));
  }

  @Test
  void predictions() {
    Amdahl law = new Amdahl(0.1, 2.0);
    assertEquals(1 / 0.325, law.speedup(4), 1e-12);
    assertEquals(0.65, law.time(4), 1e-12);
    assertEquals(10, law.maxSpeedup(), 1e-12);
    assertEquals(Double.POSITIVE_INFINITY, new Amdahl(0, 1).maxSpeedup());
    assertThrows(IllegalArgumentException.class, () -> new Amdahl(1.5, 1));
  }
}

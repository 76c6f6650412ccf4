package org.learnparallel.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UnitsTest {
  @Test
  void threeSignificantDigitsInTheRightUnit() {
    assertEquals("1.50 s", Units.duration(1.5));
    assertEquals("12.3 ms", Units.duration(0.0123));
    assertEquals("412 µs", Units.duration(0.000412));
    assertEquals("5.00 ns", Units.duration(5e-9));
    assertEquals("n/a", Units.duration(Double.NaN));
  }
}

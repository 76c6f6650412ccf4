package org.learnparallel.timing;

import java.util.Locale;

/** Durations as people read them: three significant digits in s, ms, µs or ns. */
final class Units {
  private Units() {}

  static String duration(double seconds) {
    if (!Double.isFinite(seconds)) {
      return "n/a";
    }
    double a = Math.abs(seconds);
    if (a >= 1) {
      return digits(seconds) + " s";
    } else if (a >= 1e-3) {
      return digits(seconds * 1e3) + " ms";
    } else if (a >= 1e-6) {
      return digits(seconds * 1e6) + " µs";
    }
    return digits(seconds * 1e9) + " ns";
  }

  static String digits(double v) {
    double a = Math.abs(v);
    return String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : "%.2f", v);
  }
}

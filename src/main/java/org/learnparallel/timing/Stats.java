package org.learnparallel.timing;

import java.util.Arrays;

/**
 * Summary statistics of a sample. The standard deviation is the sample one (divided by n - 1, as
 * Python's {@code statistics.stdev}); it is NaN for a single value, which has no spread to show
 * (Python raises an error there).
 *
 * <pre>{@code
 * Stats s = Stats.of(4, 1, 3, 2);
 * s.median(); // 2.5
 * s.stddev(); // 1.29...
 * }</pre>
 *
 * @param n how many values
 * @param min the smallest value
 * @param median the middle value (the mean of the two middle ones when n is even)
 * @param mean the arithmetic mean
 * @param stddev the sample standard deviation; NaN for one value
 * @param max the largest value
 */
public record Stats(int n, double min, double median, double mean, double stddev, double max) {

  /** The statistics of {@code values}; at least one is needed. */
  public static Stats of(double... values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("statistics of no values");
    }
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    double sum = 0;
    for (double x : v) {
      sum += x;
    }
    double mean = sum / n;
    double squares = 0;
    for (double x : v) {
      squares += (x - mean) * (x - mean);
    }
    double stddev = n > 1 ? Math.sqrt(squares / (n - 1)) : Double.NaN;
    return new Stats(n, v[0], median, mean, stddev, v[n - 1]);
  }
}

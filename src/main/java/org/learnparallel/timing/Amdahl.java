package org.learnparallel.timing;

/**
 * Amdahl's law: when a fraction {@code s} of a program's run time is serial, {@code n} workers
 * take {@code T(n) = T1 · (s + (1 − s) / n)}, so the speed-up {@code T1 / T(n)} never exceeds
 * {@code 1 / s}.
 *
 * <pre>{@code
 * var law = new Amdahl(0.1, 2.0);  // 10 % serial, 2 s on one worker
 * law.speedup(4);                  // 3.08
 * law.maxSpeedup();                // 10.0
 * Amdahl.fit(new int[] {1, 2, 4}, new double[] {2.0, 1.1, 0.65}).serialFraction(); // 0.1
 * }</pre>
 *
 * @param serialFraction {@code s}, between 0 and 1
 * @param t1 the time on one worker, in seconds
 */
public record Amdahl(double serialFraction, double t1) {

  public Amdahl {
    if (!(serialFraction >= 0 && serialFraction <= 1)) {
      throw new IllegalArgumentException("the serial fraction must be between 0 and 1, got " + serialFraction);
    }
  }

  /**
   * The law that best fits measured times: ordinary least squares of {@code T(n)} on {@code 1/n}.
   * The law is the straight line {@code T = a + b/n} with {@code a = T1·s} and {@code b = T1·(1 − s)},
   * so {@code s = a / (a + b)}. Fitting times rather than speed-ups keeps one noisy single-worker
   * run from tilting every point. {@code s} is clamped to [0, 1]: below 0 means super-linear
   * speed-up (caches), above 1 means more workers made it slower.
   *
   * @param workers the worker counts, at least two different ones
   * @param seconds the time measured with each
   */
  public static Amdahl fit(int[] workers, double[] seconds) {
    if (workers.length != seconds.length) {
      throw new IllegalArgumentException("fit needs one time per worker count");
    }
    int n = workers.length;
    double meanX = 0;
    double meanY = 0;
    for (int i = 0; i < n; i++) {
      meanX += 1.0 / workers[i] / n;
      meanY += seconds[i] / n;
    }
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < n; i++) {
      double dx = 1.0 / workers[i] - meanX;
      sxy += dx * (seconds[i] - meanY);
      sxx += dx * dx;
    }
    if (sxx == 0) {
      throw new IllegalArgumentException("fit needs at least two different worker counts");
    }
    double b = sxy / sxx;
    double a = meanY - b * meanX;
    double s = a <= 0 ? 0 : b <= 0 ? 1 : a / (a + b);
    return new Amdahl(s, a + b);
  }

  /** The predicted speed-up on {@code n} workers. */
  public double speedup(double n) {
    return 1 / (serialFraction + (1 - serialFraction) / n);
  }

  /** The predicted time on {@code n} workers, in seconds. */
  public double time(double n) {
    return t1 / speedup(n);
  }

  /** The limit with unlimited workers: {@code 1 / s} (infinite when nothing is serial). */
  public double maxSpeedup() {
    return 1 / serialFraction;
  }
}

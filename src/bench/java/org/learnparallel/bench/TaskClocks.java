package org.learnparallel.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The clocks of one run of {@link CpuBoundBenchmark}: which thread ran each task, for how long, on
 * how much CPU (written by the workers, read once the run has returned); and the CPU time of this
 * JVM and of the whole machine, read from Linux's {@code /proc} around the run.
 */
final class TaskClocks {
  private final long[] wall;
  private final long[] cpu;
  private final Thread[] thread;

  TaskClocks(int tasks) {
    wall = new long[tasks];
    cpu = new long[tasks];
    thread = new Thread[tasks];
  }

  void clear() {
    Arrays.fill(wall, 0);
    Arrays.fill(cpu, 0);
    Arrays.fill(thread, null);
  }

  void record(int task, long wallNanos, long cpuNanos) {
    wall[task] = wallNanos;
    cpu[task] = cpuNanos;
    thread[task] = Thread.currentThread();
  }

  double wallMs() {
    return Arrays.stream(wall).sum() / 1e6;
  }

  double cpuMs() {
    return Arrays.stream(cpu).sum() / 1e6;
  }

  double busiestMs() {
    Map<Thread, Long> byThread = new HashMap<>();
    for (int t = 0; t < wall.length; t++) {
      byThread.merge(thread[t], wall[t], Long::sum);
    }
    return byThread.values().stream().mapToLong(Long::longValue).max().orElse(0) / 1e6;
  }

  /**
   * CPU time that the whole machine spent on programs (and lost to the hypervisor) in ms, from the
   * first line of Linux's {@code /proc/stat}, in ticks of 10 ms (USER_HZ 100); 0 where there is none.
   */
  static long machineBusyMs() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long ticks = 0;
      for (int i : new int[] {1, 2, 3, 6, 7, 8}) { // user nice system irq softirq steal: not idle, iowait
        ticks += Long.parseLong(f[i]);
      }
      return ticks * 10;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /**
   * CPU time of all this JVM's threads (the JIT's and the garbage collector's too) in ns, from
   * Linux's per-thread scheduler statistics: the process CPU time that Java reports counts 10 ms
   * ticks, a twentieth of a run. 0 where there is no {@code /proc}.
   */
  static long jvmCpuNanos() {
    long sum = 0;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path task : tasks) {
        try {
          String stat = Files.readString(task.resolve("schedstat"));
          sum += Long.parseLong(stat.substring(0, stat.indexOf(' ')));
        } catch (IOException | RuntimeException e) {
          // a thread that ended meanwhile: its time is lost from this reading
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return sum;
  }
}

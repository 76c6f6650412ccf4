package org.learnparallel.cluster.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The memory this machine (or this container: Binder gives 2 GB) can still give new processes, so
 * that a cluster too big for it fails before any JVM starts rather than with executors that never
 * come or get killed mid-job.
 *
 * <pre>{@code
 * MachineMemory.requireAvailable(2, 512, 160); // throws IllegalStateException if about 1.5 GB is not free
 * }</pre>
 */
public final class MachineMemory {
  private static final Pattern MEM_AVAILABLE = Pattern.compile("^MemAvailable:\\s+(\\d+) kB$", Pattern.MULTILINE);

  private MachineMemory() {}

  /**
   * Throws if {@code workers} executors of {@code executorMb} and a Master plus {@code workers}
   * Workers of {@code daemonMb} each do not fit in the memory available now.
   */
  public static void requireAvailable(int workers, int executorMb, int daemonMb) {
    long neededMb = (long) workers * executorMb + (long) (workers + 1) * daemonMb;
    long availableMb = availableMb();
    if (neededMb > availableMb) {
      throw new IllegalStateException("not enough memory for this cluster: it needs about " + neededMb
          + " MB (" + workers + " executors of " + executorMb + " MB, a Master and " + workers
          + " Workers of " + daemonMb + " MB) and " + availableMb + " MB are available;"
          + " use fewer Workers, less memory per Worker (at least 450 MB), or Spark.local(n)");
    }
  }

  /** MB available now: the smaller of the machine's MemAvailable and what the cgroup limit leaves. */
  public static long availableMb() {
    OptionalLong machine = memAvailableKb().stream().map(kb -> kb / 1024).findFirst();
    OptionalLong cgroup = cgroupLeftMb();
    if (machine.isPresent() || cgroup.isPresent()) {
      return Math.min(machine.orElse(Long.MAX_VALUE), cgroup.orElse(Long.MAX_VALUE));
    }
    // not Linux: the JVM's view (free memory, without the caches the system would give back)
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return os.getFreeMemorySize() / (1024 * 1024);
  }

  private static OptionalLong memAvailableKb() {
    Matcher m = MEM_AVAILABLE.matcher(read(Path.of("/proc/meminfo")));
    return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
  }

  /** cgroup v2 (Docker, Kubernetes, Binder): limit minus usage; empty when unlimited or absent. */
  private static OptionalLong cgroupLeftMb() {
    String max = read(Path.of("/sys/fs/cgroup/memory.max")).strip();
    String current = read(Path.of("/sys/fs/cgroup/memory.current")).strip();
    if (!max.matches("\\d+") || !current.matches("\\d+")) {
      return OptionalLong.empty();
    }
    return OptionalLong.of((Long.parseLong(max) - Long.parseLong(current)) / (1024 * 1024));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}

package org.learnparallel.cluster.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.learnparallel.cluster.NotEnoughMemoryException;

/**
 * The memory this machine (or this container: Binder gives 2 GB) can still give new processes, so
 * that a cluster too big for it fails before any JVM starts rather than with executors that never
 * come or get killed mid-job.
 *
 * <p>The environment variable {@value #AVAILABLE_MB_VARIABLE} lowers the memory taken as available
 * (never raises it): an instructor can rehearse a full machine, and the tests run notebook 07 the
 * way a busy Binder container does.
 *
 * <pre>{@code
 * MachineMemory.requireAvailable(2, 512, 160, 256); // throws NotEnoughMemoryException if the cluster cannot fit
 * }</pre>
 */
public final class MachineMemory {
  /** Names the environment variable that caps the MB taken as available now. */
  public static final String AVAILABLE_MB_VARIABLE = "LEARNPARALLEL_MEMORY_AVAILABLE_MB";
  private static final Pattern INACTIVE_FILE = Pattern.compile("^inactive_file (\\d+)$", Pattern.MULTILINE);
  private static final Pattern MEM_AVAILABLE = Pattern.compile("^MemAvailable:\\s+(\\d+) kB$", Pattern.MULTILINE);

  private MachineMemory() {}

  /**
   * Throws if the cluster cannot fit: its executors' heaps ({@code workers} x {@code executorMb})
   * exceed this machine's (or container's) memory, or the memory available now cannot hold what
   * the JVMs take to start and run small jobs ({@code daemonMb} for the Master and each Worker,
   * {@code executorStartMb} for each executor).
   *
   * @throws NotEnoughMemoryException if it cannot
   */
  public static void requireAvailable(int workers, int executorMb, int daemonMb, int executorStartMb) {
    long heapsMb = (long) workers * executorMb;
    long totalMb = totalMb();
    if (heapsMb > totalMb) {
      throw new NotEnoughMemoryException("not enough memory for this cluster: " + workers + " executors of "
          + executorMb + " MB need " + heapsMb + " MB, and this machine has " + totalMb + " MB in all;"
          + " use fewer Workers or less memory per Worker (at least 480 MB)");
    }
    long neededMb = (long) workers * executorStartMb + (long) (workers + 1) * daemonMb;
    long availableMb = availableMb();
    if (neededMb > availableMb) {
      throw new NotEnoughMemoryException("not enough memory for this cluster: its " + (2 * workers + 1)
          + " JVMs take about " + neededMb + " MB to start and " + availableMb + " MB are available;"
          + " close other kernels or programs, use fewer Workers, or Spark.local(n)");
    }
  }

  /** MB of this machine, or of its container when the container has a limit. */
  public static long totalMb() {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return os.getTotalMemorySize() / (1024 * 1024); // the JVM reads a container's limit here
  }

  /**
   * MB available now: the smallest of the machine's MemAvailable, what the cgroup limit leaves and
   * {@value #AVAILABLE_MB_VARIABLE} when set.
   */
  public static long availableMb() {
    return Math.min(measuredAvailableMb(), capMb());
  }

  private static long capMb() {
    String cap = System.getenv(AVAILABLE_MB_VARIABLE);
    if (cap == null || cap.isBlank()) {
      return Long.MAX_VALUE;
    }
    if (!cap.strip().matches("\\d+")) {
      throw new IllegalArgumentException(AVAILABLE_MB_VARIABLE + " must be a number of MB, got \"" + cap + "\"");
    }
    return Long.parseLong(cap.strip());
  }

  private static long measuredAvailableMb() {
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

  /**
   * cgroup v2 (Docker, Kubernetes, Binder): limit minus usage, less the inactive file cache that
   * usage counts and the kernel gives back under pressure (Kubernetes' "working set" counts the same
   * way); empty when unlimited or absent.
   */
  private static OptionalLong cgroupLeftMb() {
    String max = read(Path.of("/sys/fs/cgroup/memory.max")).strip();
    String current = read(Path.of("/sys/fs/cgroup/memory.current")).strip();
    if (!max.matches("\\d+") || !current.matches("\\d+")) {
      return OptionalLong.empty();
    }
    Matcher cache = INACTIVE_FILE.matcher(read(Path.of("/sys/fs/cgroup/memory.stat")));
    long inUse = Long.parseLong(current) - (cache.find() ? Long.parseLong(cache.group(1)) : 0);
    return OptionalLong.of((Long.parseLong(max) - inUse) / (1024 * 1024));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}

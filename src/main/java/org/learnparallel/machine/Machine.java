package org.learnparallel.machine;

import java.lang.management.ManagementFactory;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What this notebook runs on: the processor, its physical and logical cores (from OSHI, as psutil
 * in Python), and how many of them the JVM may use ({@code availableProcessors()}: fewer in a
 * container with a CPU limit, such as Binder's 1 CPU, or under {@code -XX:ActiveProcessorCount}).
 * A speed-up stops growing at the last number, not at the first ones.
 *
 * <pre>{@code
 * Machine.current()                        // a small table, as a cell's last expression
 * Machine.current().availableProcessors()  // how many workers can run at once
 * }</pre>
 *
 * @param cpuModel the processor's name
 * @param physicalCores cores in the hardware
 * @param logicalCores hardware threads (twice the cores with hyper-threading / SMT)
 * @param availableProcessors processors this JVM may use
 * @param pid this process's id
 * @param liveThreads threads alive in this JVM now
 * @param os the operating system
 * @param java the Java runtime's version
 */
public record Machine(String cpuModel, int physicalCores, int logicalCores, int availableProcessors,
    long pid, int liveThreads, String os, String java) {

  /**
   * This machine, now. The hardware is probed once per JVM (OSHI takes a moment). Where OSHI
   * cannot read it, the model says so and both core counts are {@code availableProcessors()}.
   */
  public static Machine current() {
    Hardware hw = Hardware.PROBED;
    return new Machine(hw.model(), hw.physical(), hw.logical(),
        Runtime.getRuntime().availableProcessors(),
        ProcessHandle.current().pid(),
        ManagementFactory.getThreadMXBean().getThreadCount(),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")",
        Runtime.version().toString());
  }

  /** The same facts as a two-column table. */
  public Table table() {
    return Table.create("Machine",
        StringColumn.create("property", "CPU model", "physical cores", "logical cores",
            "JVM availableProcessors()", "process id", "live threads", "OS", "Java"),
        StringColumn.create("value", cpuModel, String.valueOf(physicalCores), String.valueOf(logicalCores),
            String.valueOf(availableProcessors), String.valueOf(pid), String.valueOf(liveThreads), os, java));
  }

  /** One short line, for chart notes. */
  public String brief() {
    return cpuModel + ", " + physicalCores + " physical / " + logicalCores + " logical cores, JVM uses "
        + availableProcessors;
  }

  /** One fact a line, names aligned: narrower than the table, so it fits a notebook's output. */
  @Override
  public String toString() {
    Table t = table();
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < t.rowCount(); i++) {
      s.append(String.format("%-26s %s%n", t.stringColumn(0).get(i), t.stringColumn(1).get(i)));
    }
    if (availableProcessors < logicalCores) {
      s.append("The JVM may use ").append(availableProcessors).append(" of the ").append(logicalCores)
          .append(" logical cores (a container CPU limit or -XX:ActiveProcessorCount).");
    }
    return s.toString().strip();
  }

  private record Hardware(String model, int physical, int logical) {
    // Holder idiom: probed on first use only, and once.
    static final Hardware PROBED = probe();

    private static Hardware probe() {
      try {
        CentralProcessor cpu = new SystemInfo().getHardware().getProcessor();
        return new Hardware(cpu.getProcessorIdentifier().getName().strip(),
            cpu.getPhysicalProcessorCount(), cpu.getLogicalProcessorCount());
      } catch (RuntimeException | LinkageError e) { // no native access (JNA), or an OS OSHI does not know
        int n = Runtime.getRuntime().availableProcessors();
        return new Hardware("unknown (OSHI could not read the hardware: " + e + ")", n, n);
      }
    }
  }
}

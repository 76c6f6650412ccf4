package org.learnparallel.cluster.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Spark daemon JVM (a Master or a Worker) of a local cluster: started under {@link Watchdog} so
 * that it ends with this JVM, on 127.0.0.1 only, with the cluster's secret in its environment and
 * its output in {@code DIR/NAME.log}, which {@link #awaitLog} reads to learn when it is up.
 *
 * <pre>{@code
 * DaemonJvm master = DaemonJvm.start("master", dir, classpath, secret, List.of(),
 *     "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", "0");
 * String url = master.awaitLog(Pattern.compile("at (spark://\\S+)"), deadline, timeout).group(1);
 * }</pre>
 */
public final class DaemonJvm {
  private final String name;
  private final Process process;
  private final Path log;

  private DaemonJvm(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code mainClass} with {@code args} in a new JVM on this JVM's JDK; its files go in {@code dir}. */
  public static DaemonJvm start(String name, Path dir, Classpath classpath, String secret,
      List<String> jvmOptions, String mainClass, String... args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dspark.authenticate=true", "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
    command.addAll(jvmOptions);
    command.addAll(JvmOptions.forSpark());
    command.addAll(List.of("-cp", classpath.forJvm(), Watchdog.class.getName(),
        Long.toString(ProcessHandle.current().pid()), mainClass));
    command.addAll(List.of(args));
    Path log = dir.resolve(name + ".log");
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("SPARK_HOME", classpath.sparkHome().toString());
    env.put("SPARK_SCALA_VERSION", "2.13");
    env.put("SPARK_LOCAL_IP", "127.0.0.1"); // RPC, block manager and web UI of daemons and executors
    env.put("SPARK_LOCAL_DIRS", dir.resolve("local").toString());
    env.put("JAVA_HOME", System.getProperty("java.home")); // executors use the kernel's JDK
    env.put("_SPARK_AUTH_SECRET", secret); // in the environment, not on a command line others can read
    try {
      return new DaemonJvm(name, builder.start(), log);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the Spark " + name + ": " + e.getMessage(), e);
    }
  }

  public Process process() {
    return process;
  }

  /**
   * Waits until the daemon's log matches {@code pattern} and returns the match; fails with the end of
   * the log if the daemon exits first or {@code deadline} (a {@link System#nanoTime()}, the end of
   * {@code timeout}) passes.
   */
  public Matcher awaitLog(Pattern pattern, long deadline, Duration timeout) {
    while (true) {
      String text = read(log);
      Matcher m = pattern.matcher(text);
      if (m.find()) {
        return m;
      }
      if (!process.isAlive()) {
        String why = text.contains("Address already in use")
            ? ": a port it must listen on is in use (another program, or a cluster still running)" : "";
        throw new IllegalStateException("the Spark " + name + " exited with code " + process.exitValue()
            + " while starting" + why + "; the end of its log (" + log + "):\n" + tail(text));
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the Spark " + name + " did not start within "
            + timeout.toSeconds() + " s; the end of its log (" + log + "):\n" + tail(text));
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the cluster was starting", e);
      }
    }
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "";
    }
  }

  /** The last 12 lines without stack frames: what says why. */
  private static String tail(String text) {
    List<String> lines = text.lines().filter(l -> !l.startsWith("\tat ")).toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 12), lines.size()));
  }
}

package org.learnparallel.pool.internal.process;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** How a worker JVM is started. */
final class WorkerCommand {
  private WorkerCommand() {}

  /**
   * The worker's command line: this JVM's java binary and classpath, with this library's jar first
   * (under JJava it is added at run time, so it is not on {@code java.class.path}), and the jars
   * added at run time to this library's class loader. The options favour a quick start.
   */
  static List<String> command() {
    Set<String> path = new LinkedHashSet<>();
    CodeSource source = WorkerCommand.class.getProtectionDomain().getCodeSource();
    if (source != null) {
      addFile(path, source.getLocation());
    }
    if (WorkerCommand.class.getClassLoader() instanceof URLClassLoader urls) {
      Arrays.stream(urls.getURLs()).forEach(u -> addFile(path, u));
    }
    path.addAll(Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator)));
    path.remove("");
    return new ArrayList<>(List.of(
        javaBinary(),
        "-XX:+UseSerialGC", "-Xshare:auto", "-XX:+ExitOnOutOfMemoryError",
        // stdout carries the pool's messages: the JVM's own messages and logs go to stderr
        "-XX:+DisplayVMOutputToStderr", "-Xlog:disable", "-Xlog:all=warning:stderr",
        "-cp", String.join(File.pathSeparator, path),
        WorkerMain.class.getName(),
        Long.toString(ProcessHandle.current().pid())));
  }

  /** This JVM's launcher: in {@code java.home}, or else the command that started this process. */
  private static String javaBinary() {
    Path inHome = Path.of(System.getProperty("java.home"), "bin", "java");
    if (Files.isExecutable(inHome) || Files.isExecutable(Path.of(inHome + ".exe"))) {
      return inHome.toString();
    }
    return ProcessHandle.current().info().command().orElse(inHome.toString());
  }

  private static void addFile(Set<String> path, URL url) {
    if ("file".equals(url.getProtocol())) {
      try {
        path.add(Path.of(url.toURI()).toString());
      } catch (URISyntaxException | IllegalArgumentException e) {
        // not a local file: the worker asks for its classes instead
      }
    }
  }
}

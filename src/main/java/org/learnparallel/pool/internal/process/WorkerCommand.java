package org.learnparallel.pool.internal.process;

import java.io.File;
import java.io.IOException;
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

/**
 * How a worker JVM is started: this JVM's java binary and classpath, options that favour a quick
 * start, and the class-data-sharing archive of {@link WorkerArchive} where there can be one.
 */
final class WorkerCommand {
  /** The newest JDK on which {@code -XX:ArchiveRelocationMode=0} was checked (see {@link #options}). */
  static final int FIXED_ARCHIVE_ADDRESS_CHECKED_UP_TO = 25;

  private final String java;
  private final List<String> options;
  private final List<String> classpath;
  private final WorkerArchive archive; // null: none

  /**
   * @param archiveFolder where the archive is kept, or null for none
   */
  WorkerCommand(String java, int javaFeature, List<String> classpath, Path archiveFolder) {
    this.java = java;
    this.options = options(javaFeature);
    this.classpath = List.copyOf(classpath);
    this.archive = WorkerArchive.of(classpath, archiveFolder).orElse(null);
  }

  /**
   * For this JVM: its java binary and classpath, with this library's jar first (under JJava it is
   * added at run time, so it is not on {@code java.class.path}) and the jars added at run time to
   * this library's class loader; the archive kept in the folder above that jar's.
   */
  static WorkerCommand ofThisJvm() {
    Set<String> path = new LinkedHashSet<>();
    Path library = null;
    CodeSource source = WorkerCommand.class.getProtectionDomain().getCodeSource();
    if (source != null) {
      library = localFile(source.getLocation());
      if (library != null) {
        path.add(library.toString());
      }
    }
    if (WorkerCommand.class.getClassLoader() instanceof URLClassLoader urls) {
      Arrays.stream(urls.getURLs()).map(WorkerCommand::localFile).filter(p -> p != null).forEach(p -> path.add(p.toString()));
    }
    Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(p -> !p.isEmpty())
        .forEach(p -> path.add(Path.of(p).toAbsolutePath().toString()));
    // the kernel's own folder, target/, ...: not the jar's folder, which JJava may take as a classpath glob
    Path folder = library != null && library.getParent() != null ? library.getParent().getParent() : null;
    return new WorkerCommand(javaBinary(), Runtime.version().feature(), new ArrayList<>(path), folder);
  }

  /**
   * The JVM's options. The collector is the one with which the JDK maps the heap objects of its
   * class-data-sharing archive (the module graph, the boot classes' mirrors): G1 alone on JDK 17,
   * where without them the worker's JVM spends about a third more CPU time (mostly in initializing
   * the module system); later JDKs map them with any collector (checked on 25), and the serial one
   * starts with the fewest threads. stdout carries the pool's frames: the JVM's own messages and logs go to stderr, which
   * the parent prints in the notebook, so only warnings, and none about the archive (a refused
   * archive is no news for a student: the worker runs without it).
   *
   * <p>The archives are mapped at the address they were made for where it is free, instead of at a
   * random one (the default of both JDKs checked, 17 and 25): a random one means rewriting, page by
   * page, every pointer of the JDK's archive, about a tenth of a worker's start. That randomness
   * hardens a JVM against memory-corruption exploits, which a worker running the student's own code
   * does not need. The option is a diagnostic one that a JDK may drop, so it goes to the JDKs it
   * was checked on only (an unknown option would stop every worker).
   */
  static List<String> options(int javaFeature) {
    String quiet = javaFeature >= 24 ? "cds*=off,aot*=off" : "cds*=off"; // aot: a log tag from JDK 24 on
    List<String> options = new ArrayList<>(List.of(javaFeature >= 18 ? "-XX:+UseSerialGC" : "-XX:+UseG1GC", "-Xshare:auto"));
    if (javaFeature <= FIXED_ARCHIVE_ADDRESS_CHECKED_UP_TO) {
      options.addAll(List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0"));
    }
    options.addAll(List.of("-XX:+ExitOnOutOfMemoryError", "-XX:+DisplayVMOutputToStderr",
        "-Xlog:disable", "-Xlog:all=warning:stderr", "-Xlog:" + quiet + ":stderr"));
    return List.copyOf(options);
  }

  /** Starts a worker named {@code name}, with the archive if there is one, or recording it. */
  Process start(String name) throws IOException {
    WorkerArchive.Plan plan = archive == null ? new WorkerArchive.Plan(List.of(), null) : archive.plan();
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(options);
    command.addAll(plan.options());
    command.addAll(List.of("-cp", String.join(File.pathSeparator, classpath), WorkerMain.class.getName(),
        Long.toString(ProcessHandle.current().pid()), name));
    Process process;
    try {
      process = new ProcessBuilder(command).start();
    } catch (IOException | RuntimeException e) {
      if (plan.recording() != null) {
        archive.abandon(plan.recording());
      }
      throw e;
    }
    if (plan.recording() != null) {
      archive.recorded(plan.recording(), process);
    }
    return process;
  }

  /** This JVM's launcher: in {@code java.home}, or else the command that started this process. */
  private static String javaBinary() {
    Path inHome = Path.of(System.getProperty("java.home"), "bin", "java");
    if (Files.isExecutable(inHome) || Files.isExecutable(Path.of(inHome + ".exe"))) {
      return inHome.toString();
    }
    return ProcessHandle.current().info().command().orElse(inHome.toString());
  }

  /** The local file of a URL, absolute; null if it is not a local file (the worker asks for its classes). */
  private static Path localFile(URL url) {
    if ("file".equals(url.getProtocol())) {
      try {
        return Path.of(url.toURI()).toAbsolutePath();
      } catch (URISyntaxException | IllegalArgumentException e) {
        return null;
      }
    }
    return null;
  }
}

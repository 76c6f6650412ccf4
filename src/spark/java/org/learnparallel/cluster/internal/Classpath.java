package org.learnparallel.cluster.internal;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.apache.spark.SparkConf;

/**
 * The jars and class folders this library and Spark were loaded from, laid out as a Spark home: a
 * Worker launches executors with {@code SPARK_HOME/jars/*} on their classpath (and refuses to start
 * them without it), so the jars are linked there; class folders (a test run's) are listed apart.
 */
public record Classpath(Path sparkHome, List<Path> folders) {

  /** Links every jar of this JVM's classpath into {@code home/jars}. */
  public static Classpath linkInto(Path home) {
    Set<Path> entries = new LinkedHashSet<>();
    for (Class<?> c : List.of(Classpath.class, SparkConf.class)) {
      CodeSource source = c.getProtectionDomain().getCodeSource();
      if (source != null) {
        add(entries, source.getLocation());
      }
      // under JJava the kernel's classpath is added at run time, to a class loader of its own
      if (c.getClassLoader() instanceof URLClassLoader urls) {
        Arrays.stream(urls.getURLs()).forEach(u -> add(entries, u));
      }
    }
    if (Classpath.class.getClassLoader() == ClassLoader.getSystemClassLoader()) {
      for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
        if (!e.isEmpty()) {
          entries.add(Path.of(e).toAbsolutePath());
        }
      }
    }
    Path jars = home.resolve("jars");
    List<Path> folders = new ArrayList<>();
    try {
      Files.createDirectories(jars);
      Set<String> names = new LinkedHashSet<>();
      for (Path e : entries) {
        if (Files.isDirectory(e)) {
          folders.add(e);
        } else if (e.toString().endsWith(".jar") && Files.isRegularFile(e)) {
          String name = e.getFileName().toString();
          if (!names.add(name)) {
            name = names.size() + "-" + name; // same file name from two folders
            names.add(name);
          }
          Files.createSymbolicLink(jars.resolve(name), e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lay out a Spark home in " + home, e);
    }
    return new Classpath(home, List.copyOf(folders));
  }

  /** The classpath for a daemon JVM: the folders, then every linked jar. */
  public String forJvm() {
    List<String> parts = new ArrayList<>();
    folders.forEach(f -> parts.add(f.toString()));
    parts.add(sparkHome.resolve("jars") + File.separator + "*");
    return String.join(File.pathSeparator, parts);
  }

  /** What executors need beside {@code SPARK_HOME/jars}: the class folders. */
  public String extraForExecutors() {
    return String.join(File.pathSeparator, folders.stream().map(Path::toString).toList());
  }

  private static void add(Set<Path> entries, URL url) {
    if ("file".equals(url.getProtocol())) {
      try {
        entries.add(Path.of(url.toURI()).toAbsolutePath());
      } catch (URISyntaxException | IllegalArgumentException e) {
        // not a local file: nothing a JVM could put on its classpath
      }
    }
  }
}

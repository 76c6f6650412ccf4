package org.learnparallel.cluster.internal;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * The JVM options every Spark JVM needs on this JDK (Spark's launcher adds them: module opens,
 * Netty settings), without the incubating Vector API, whose JVM start-up warning would otherwise
 * be printed by every daemon, and without options that this JDK refuses or warns about. kernel-setup/setup writes them into the Spark kernel's command line:
 * {@code java -cp ... org.learnparallel.cluster.internal.JvmOptions} prints one per line.
 */
public final class JvmOptions {
  private JvmOptions() {}

  public static List<String> forSpark() {
    return Arrays.stream(JavaModuleOptions.defaultModuleOptionArray())
        .filter(o -> !o.startsWith("--add-modules=jdk.incubator.vector"))
        .filter(o -> !o.startsWith("--sun-misc-unsafe-memory-access") || Runtime.version().feature() >= 23)
        .filter(JvmOptions::opensAPackageThatExists)
        .toList();
  }

  /** Newer JDKs dropped some packages Spark opens (sun.security.action): the JVM warns at start. */
  private static boolean opensAPackageThatExists(String option) {
    if (!option.startsWith("--add-opens=")) {
      return true;
    }
    String[] modulePackage = option.substring("--add-opens=".length()).split("=")[0].split("/");
    return ModuleLayer.boot().findModule(modulePackage[0])
        .map(m -> m.getPackages().contains(modulePackage[1]))
        .orElse(false);
  }

  public static void main(String[] args) {
    forSpark().forEach(System.out::println);
  }
}

package org.learnparallel.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A pool nobody closed, even one with work still running, never keeps the JVM alive. */
@Timeout(120)
class UnclosedPoolTest {

  /** Run in a child JVM: leaves a busy pool open and returns from main. */
  public static void main(String[] args) {
    Pool pool = Pool.threads(2);
    System.out.println(pool.map(x -> x * x, List.of(1, 2, 3)));
    pool.applyAsync(() -> {
      Thread.sleep(Long.MAX_VALUE);
      return null;
    });
  }

  @Test
  void theJvmExitsWithThePoolStillOpen() throws Exception {
    String classpath = String.join(File.pathSeparator, location(Pool.class), location(UnclosedPoolTest.class));
    Process child = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath, UnclosedPoolTest.class.getName())
        .redirectErrorStream(true)
        .start();
    boolean exited = child.waitFor(30, TimeUnit.SECONDS); // a hang guard: it takes well under a second
    if (!exited) {
      child.destroyForcibly();
    }
    assertTrue(exited, "the JVM did not exit: a pool thread kept it alive");
    assertEquals("[1, 4, 9]", new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
    assertEquals(0, child.exitValue());
  }

  private static String location(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}

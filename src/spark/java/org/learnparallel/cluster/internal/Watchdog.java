package org.learnparallel.cluster.internal;

import java.io.IOException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Runs a Spark daemon's main class (Master or Worker) in a JVM that ends with its parent: when the
 * parent process dies (kill -9 included) or closes our stdin, it exits, which runs Spark's shutdown
 * hooks (a Worker kills its executors). Spark's own daemons outlive whoever started them.
 *
 * <pre>java -cp ... org.learnparallel.cluster.internal.Watchdog PARENT_PID MAIN_CLASS [ARGS...]</pre>
 */
public final class Watchdog {
  private Watchdog() {}

  public static void main(String[] args) throws Exception {
    long parentPid = Long.parseLong(args[0]);
    ProcessHandle parent = ProcessHandle.of(parentPid).orElse(null);
    if (parent == null) {
      System.exit(3); // the parent is already gone
    }
    Thread stdin = new Thread(() -> {
      try {
        while (System.in.read() >= 0) {
          // the parent writes nothing: only the end of the stream matters
        }
      } catch (IOException e) {
        // a broken pipe is an end too
      }
      exit("its parent closed stdin");
    }, "watchdog-stdin");
    stdin.setDaemon(true);
    stdin.start();
    parent.onExit().thenRun(() -> exit("its parent process " + parentPid + " ended"));

    Method main = Class.forName(args[1]).getMethod("main", String[].class);
    main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
  }

  private static void exit(String why) {
    System.err.println("watchdog: exiting because " + why);
    Thread halt = new Thread(() -> {
      try {
        Thread.sleep(15_000); // shutdown hooks that hang must not keep the JVM alive
      } catch (InterruptedException e) {
        return;
      }
      Runtime.getRuntime().halt(1);
    }, "watchdog-halt");
    halt.setDaemon(true);
    halt.start();
    System.exit(0);
  }
}

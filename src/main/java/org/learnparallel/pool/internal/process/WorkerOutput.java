package org.learnparallel.pool.internal.process;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;

/** What a worker process writes that is not a reply: printed text, stray bytes, its stderr, its exit. */
final class WorkerOutput {
  private WorkerOutput() {}

  /** Prints to the stream current at arrival: JJava swaps System.out for each cell. */
  static void print(PrintStream to, byte[] bytes) {
    to.write(bytes, 0, bytes.length);
    to.flush();
  }

  /** Shows what came before {@link Protocol#START} (a JVM option's banner, say) as error output. */
  static void skipToStart(DataInputStream in) throws IOException {
    byte[] start = Protocol.START;
    ByteArrayOutputStream before = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < start.length) {
      byte b = in.readByte();
      if (b == start[matched]) {
        matched++;
      } else {
        before.write(start, 0, matched); // a partial match was text after all
        matched = b == start[0] ? 1 : 0; // start[0] appears nowhere else in START
        if (matched == 0) {
          before.write(b);
        }
      }
    }
    if (before.size() > 0) {
      print(System.err, before.toByteArray());
    }
  }

  /** What the worker wrote that is no frame: text from the JVM or an agent, most likely. */
  static String notProtocol(byte first, DataInputStream in) {
    byte[] more = new byte[160];
    int n = 0;
    try {
      n = Math.max(0, in.read(more, 0, Math.min(more.length, in.available())));
    } catch (IOException e) {
      // what came first is enough
    }
    String text = ((char) (first & 0xff) + new String(more, 0, n)).strip();
    return "it wrote \"" + text + "\" to its stdout, which carries the pool's messages"
        + " (a JVM option that prints there, set in JAVA_TOOL_OPTIONS for example?)";
  }

  /** An exit code in words. */
  static String describe(int exitCode) {
    if (exitCode == 3) {
      return "exit code 3: out of memory (OutOfMemoryError), or System.exit(3)";
    }
    if (exitCode > 128 && exitCode <= 128 + 64) {
      int signal = exitCode - 128;
      String name = switch (signal) {
        case 9 -> " (KILL)";
        case 15 -> " (TERM)";
        case 6 -> " (ABRT)";
        case 11 -> " (SEGV)";
        default -> "";
      };
      return "killed by signal " + signal + name;
    }
    return "exit code " + exitCode;
  }

  /** Prints a worker's stderr as it comes, and keeps its end for the message if the worker dies. */
  static final class ErrorPump {
    private static final int TAIL = 2000;
    private final StringBuilder tail = new StringBuilder(); // guarded by itself
    private final Thread thread;

    ErrorPump(InputStream err, String name) {
      thread = new Thread(() -> pump(err), name);
      thread.setDaemon(true);
      thread.start();
    }

    private void pump(InputStream err) {
      byte[] buffer = new byte[8192];
      try (err) {
        for (int n; (n = err.read(buffer)) > 0; ) {
          print(System.err, Arrays.copyOf(buffer, n));
          synchronized (tail) {
            tail.append(new String(buffer, 0, n));
            tail.delete(0, Math.max(0, tail.length() - TAIL));
          }
        }
      } catch (IOException e) {
        // the worker ended
      }
    }

    void awaitEnd(long millis) throws InterruptedException {
      thread.join(millis);
    }

    /** {@code "; its error output:\n..."}, or empty if it wrote none. */
    String tail() {
      synchronized (tail) {
        return tail.length() == 0 ? "" : "; its error output:\n" + tail.toString().strip();
      }
    }
  }
}

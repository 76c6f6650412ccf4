package org.learnparallel.pool.internal.process;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.PrintStream;

/** What a worker process writes that is not a reply: printed text, stray bytes, its exit. */
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
}

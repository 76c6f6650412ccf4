package org.learnparallel.pool.internal.process;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The frames exchanged over a worker's stdin (parent to worker) and stdout (worker to parent).
 * A frame is a type byte and its fields; payloads are length-prefixed Java-serialized objects,
 * kept as bytes so that the thread reading the pipe never has to load a user's class (that may
 * need a class request answered on this very pipe).
 */
final class Protocol {
  /** Parent to worker, first frame: the serialized initializer. */
  static final byte INIT = 1;
  /** Worker to parent: the initializer ran (a failure is kept for the tasks), tasks are welcome. */
  static final byte READY = 2;
  /** Parent to worker: task id, serialized {@code Task}. */
  static final byte TASK = 3;
  /** Parent to worker: task id to interrupt or drop. */
  static final byte CANCEL = 4;
  /** Worker to parent: task id, serialized result. */
  static final byte RESULT = 5;
  /** Worker to parent: task id, serialized Throwable. */
  static final byte FAILURE = 6;
  /** Worker to parent: the binary name of a class the worker cannot find. */
  static final byte CLASS_REQUEST = 7;
  /**
   * Parent to worker: class name, its bytecode (no bytes: the parent has no such class either),
   * and for a notebook cell's class its variables (see {@link CellStatics}).
   */
  static final byte CLASS_BYTES = 8;
  /** Worker to parent: bytes a task printed to System.out. */
  static final byte OUTPUT = 9;
  /** Worker to parent: bytes a task printed to System.err. */
  static final byte ERROR_OUTPUT = 11;
  /** Parent to worker, before a task: class name, a cell's variables that changed since sent. */
  static final byte STATICS = 10;

  /**
   * Worker to parent, before any frame: what the JVM or an agent printed to stdout before the
   * worker's {@code main} ran comes before it, and is shown as error output instead of breaking
   * the protocol. Its first byte appears only there, which keeps the search for it simple.
   */
  static final byte[] START = {0, 'l', 'p', '-', 'w', 'o', 'r', 'k', 'e', 'r', '\n'};

  /** The id of the initializer's job; tasks count from 1. */
  static final long INIT_ID = 0;

  private Protocol() {}

  static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
    if (bytes == null) {
      out.writeInt(-1);
    } else {
      out.writeInt(bytes.length);
      out.write(bytes);
    }
  }

  static byte[] readBytes(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    byte[] bytes = new byte[n];
    in.readFully(bytes);
    return bytes;
  }
}

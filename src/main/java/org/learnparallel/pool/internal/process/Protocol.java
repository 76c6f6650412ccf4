package org.learnparallel.pool.internal.process;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * The frames exchanged over a worker's stdin (parent to worker) and stdout (worker to parent),
 * and their one codec, used by both ends. Every frame has the same fields: a type byte, an id, a
 * name and two payloads; a frame type uses those it needs. Payloads are Java-serialized objects
 * kept as bytes, so that the thread reading the pipe never has to load a user's class (that may
 * need a class request answered on this very pipe).
 *
 * <pre>{@code
 * Protocol.Writer out = new Protocol.Writer(process.getOutputStream());
 * out.write(Frame.task(7, bytes));
 * }</pre>
 */
final class Protocol {
  /** The kinds of frame; on the pipe, a frame's first byte is its kind's ordinal. */
  enum Type {
    /** Parent to worker, first frame: the serialized initializer. */
    INIT,
    /** Worker to parent: the initializer ran (a failure is kept for the tasks), tasks are welcome. */
    READY,
    /** Parent to worker: task id, serialized {@code Task}. */
    TASK,
    /** Parent to worker: task id to interrupt or drop. */
    CANCEL,
    /** Worker to parent: task id, serialized result. */
    RESULT,
    /** Worker to parent: task id, serialized Throwable. */
    FAILURE,
    /** Worker to parent: the binary name of a class the worker cannot find. */
    CLASS_REQUEST,
    /**
     * Parent to worker: class name, its bytecode (no bytes: the parent has no such class either),
     * and for a notebook cell's class its variables (see {@code shipping.CellStatics}).
     */
    CLASS_BYTES,
    /** Worker to parent: bytes a task printed to System.out. */
    OUTPUT,
    /** Worker to parent: bytes a task printed to System.err. */
    ERROR_OUTPUT,
    /** Parent to worker, before a task: class name, a cell's variables that changed since sent. */
    STATICS,
    /** Parent to worker, before the first task that refers to it: id, a serialized shared value (a call's function). */
    SHARED,
    /** Parent to worker: task id, a chunk of plain items in its short form ({@code ChunkForm}). */
    CHUNK
  }

  /**
   * Worker to parent, before any frame: what the JVM or an agent printed to stdout before the
   * worker's {@code main} ran comes before it, and is shown as error output instead of breaking
   * the protocol. Its first byte appears only there, which keeps the search for it simple.
   */
  static final byte[] START = {0, 'l', 'p', '-', 'w', 'o', 'r', 'k', 'e', 'r', '\n'};

  /** The id of the initializer's job; tasks count from 1. */
  static final long INIT_ID = 0;

  private static final int BUFFER = 1 << 16;
  private static final Type[] TYPES = Type.values();

  private Protocol() {}

  /** One frame; {@code name} is never null on the pipe (an empty string stands for none). */
  record Frame(Type type, long id, String name, byte[] bytes, byte[] more) {
    static Frame of(Type type, long id, byte[] bytes) {
      return new Frame(type, id, "", bytes, null);
    }

    static Frame named(Type type, String name, byte[] bytes, byte[] more) {
      return new Frame(type, INIT_ID, name, bytes, more);
    }
  }

  /** Writes frames; each call writes its frames whole, flushed, whichever thread calls. */
  static final class Writer {
    private final DataOutputStream out;

    Writer(OutputStream raw) {
      out = new DataOutputStream(new BufferedOutputStream(raw, BUFFER));
    }

    /** Writes the frames in one go and flushes once: a batch costs one system call. */
    synchronized void write(List<Frame> frames) throws IOException {
      for (Frame f : frames) {
        out.writeByte(f.type().ordinal());
        out.writeLong(f.id());
        out.writeUTF(f.name());
        writeBytes(f.bytes());
        writeBytes(f.more());
      }
      out.flush();
    }

    void write(Frame frame) throws IOException {
      write(List.of(frame));
    }

    /** Bytes that are no frame: {@link #START}. */
    synchronized void writeRaw(byte[] raw) throws IOException {
      out.write(raw);
      out.flush();
    }

    /** The other end reads what was written, then the end of its input. */
    synchronized void close() throws IOException {
      out.close();
    }

    private void writeBytes(byte[] bytes) throws IOException {
      if (bytes == null) {
        out.writeInt(-1);
      } else {
        out.writeInt(bytes.length);
        out.write(bytes);
      }
    }
  }

  /** Reads frames; one thread at a time. */
  static final class Reader {
    final DataInputStream in;
    private final Buffered buffer;

    Reader(InputStream raw) {
      buffer = new Buffered(raw);
      in = new DataInputStream(buffer);
    }

    /** Whether bytes read from the pipe wait in the buffer: more frames came in the same burst. */
    boolean hasBuffered() {
      return buffer.buffered() > 0;
    }

    /** The next frame; {@code EOFException} at the end of the input. */
    Frame read() throws IOException {
      byte type = in.readByte();
      if (type < 0 || type >= TYPES.length) {
        throw new UnknownFrameException(type);
      }
      return new Frame(TYPES[type], in.readLong(), in.readUTF(), readBytes(), readBytes());
    }

    private byte[] readBytes() throws IOException {
      int n = in.readInt();
      if (n < 0) {
        return null;
      }
      byte[] bytes = new byte[n];
      in.readFully(bytes);
      return bytes;
    }
  }

  /** Tells what it holds without asking the pipe ({@code available()} is a system call). */
  private static final class Buffered extends BufferedInputStream {
    Buffered(InputStream raw) {
      super(raw, BUFFER);
    }

    synchronized int buffered() {
      return count - pos;
    }
  }

  /** A byte where a frame should start: something else writes to the pipe. */
  static final class UnknownFrameException extends IOException {
    final byte type;

    UnknownFrameException(byte type) {
      super("unknown frame type " + type);
      this.type = type;
    }
  }
}

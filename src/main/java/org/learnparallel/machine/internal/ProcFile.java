package org.learnparallel.machine.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.util.Arrays;

/**
 * A Linux {@code /proc} file kept open and read anew from its start, with the numbers of its
 * space-separated fields parsed in place. Opening, reading into a new string and splitting it cost
 * about ten times more on code the JIT has not compiled yet, which is what a reading made four
 * times a second runs. The kernel writes a {@code /proc} file's content afresh for each read from
 * its start; the file of a process that has ended and been waited for reads as an
 * {@link IOException}, also when its pid is reused meanwhile.
 *
 * <pre>{@code
 * try (ProcFile stat = ProcFile.open("/proc/self/stat")) {
 *   long[] f = stat.read().numbers(stat.afterCommand(), new long[15]); // fields 3 to 17
 *   long utime = f[11];                                                // field 14
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one reader at a time.
 */
public final class ProcFile implements Closeable {
  private final RandomAccessFile file;
  private byte[] bytes = new byte[1024];
  private int length;

  private ProcFile(RandomAccessFile file) {
    this.file = file;
  }

  /** Opens {@code path}; throws if it cannot be read, such as a process that has ended. */
  public static ProcFile open(String path) throws IOException {
    return new ProcFile(new RandomAccessFile(path, "r"));
  }

  /** Reads the whole file anew; returns this. */
  public ProcFile read() throws IOException {
    file.seek(0);
    length = 0;
    for (int n; (n = file.read(bytes, length, bytes.length - length)) > 0; ) {
      length += n;
      if (length == bytes.length) {
        bytes = Arrays.copyOf(bytes, 2 * bytes.length);
      }
    }
    return this;
  }

  /** Bytes read by the last {@link #read()}. */
  public int length() {
    return length;
  }

  /** The byte at {@code i} of the last read. */
  public byte at(int i) {
    return bytes[i];
  }

  /** In a {@code /proc/<pid>/stat}: where field 3 starts, after the command name (which may hold spaces and parentheses). */
  public int afterCommand() {
    int close = length - 1;
    while (close >= 0 && bytes[close] != ')') {
      close--;
    }
    return close + 2;
  }

  /** Where the line after the one holding {@code from} starts; {@link #length()} at the end. */
  public int nextLine(int from) {
    while (from < length && bytes[from] != '\n') {
      from++;
    }
    return Math.min(length, from + 1);
  }

  /**
   * Parses the fields from the one starting at {@code from} to the line's end into {@code into},
   * as many as it holds (fields are separated by spaces; one that does not start with a digit, such
   * as a name or a process's state, reads 0; missing ones too); returns {@code into}.
   */
  public long[] numbers(int from, long[] into) {
    Arrays.fill(into, 0);
    int i = from;
    for (int k = 0; k < into.length && i < length && bytes[i] != '\n'; k++) {
      long value = 0;
      for (; i < length && bytes[i] >= '0' && bytes[i] <= '9'; i++) {
        value = 10 * value + (bytes[i] - '0');
      }
      into[k] = value;
      while (i < length && bytes[i] != ' ' && bytes[i] != '\n') {
        i++;
      }
      while (i < length && bytes[i] == ' ') {
        i++;
      }
    }
    return into;
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}

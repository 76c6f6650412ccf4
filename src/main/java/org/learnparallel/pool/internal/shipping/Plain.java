package org.learnparallel.pool.internal.shipping;

import java.io.StreamCorruptedException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * A short form for the values most tasks take and return: null, boxed {@code Long}, {@code Integer},
 * {@code Double}, {@code Boolean}, {@code String}, and {@code Object[]} of these (a chunk's items
 * or results). A new {@code ObjectOutputStream} and its class descriptors cost more than squaring
 * a number and sending it; these values need neither. Its bytes start with {@link #MARK}, which no
 * serialization stream does (they start with {@code 0xACED}), so a reader tells them apart.
 *
 * <pre>{@code
 * byte[] b = Plain.write(new Object[] {1L, "a"}); // for a value that Plain.fits
 * Object[] back = (Object[]) Plain.read(ByteBuffer.wrap(b));
 * }</pre>
 */
public final class Plain {
  static final byte MARK = 1;
  private static final byte NULL = 0;
  private static final byte LONG = 1;
  private static final byte INT = 2;
  private static final byte DOUBLE = 3;
  private static final byte BOOLEAN = 4;
  private static final byte STRING = 5;
  private static final byte ARRAY = 6;

  private Plain() {}

  /** Whether {@code value} has a short form: a top-level {@code Object[]} of plain values, or one such value. */
  public static boolean fits(Object value) {
    if (value != null && value.getClass() == Object[].class) {
      for (Object o : (Object[]) value) {
        if (!scalar(o)) {
          return false;
        }
      }
      return true;
    }
    return scalar(value);
  }

  private static boolean scalar(Object o) {
    return o == null || o instanceof Long || o instanceof Integer || o instanceof Double || o instanceof Boolean
        || o instanceof String;
  }

  /** How many bytes the short form of a value that {@link #fits} takes. */
  public static int size(Object value) {
    if (value instanceof Object[] array) {
      int size = 2 + Integer.BYTES;
      for (Object o : array) {
        size += scalarSize(o);
      }
      return size;
    }
    return 1 + scalarSize(value);
  }

  private static int scalarSize(Object o) {
    if (o instanceof String s) {
      return 1 + Integer.BYTES + 2 * s.length();
    }
    return 1 + (o == null ? 0 : o instanceof Long || o instanceof Double ? 8 : o instanceof Integer ? 4 : 1);
  }

  /** The short form of a value that {@link #fits}. */
  static byte[] write(Object value) {
    byte[] bytes = new byte[size(value)];
    write(ByteBuffer.wrap(bytes), value);
    return bytes;
  }

  /** Puts the short form of a value that {@link #fits} at the buffer's position ({@link #size} bytes). */
  public static void write(ByteBuffer out, Object value) {
    out.put(MARK);
    if (value instanceof Object[] array) {
      out.put(ARRAY).putInt(array.length);
      for (Object o : array) {
        writeScalar(out, o);
      }
    } else {
      writeScalar(out, value);
    }
  }

  private static void writeScalar(ByteBuffer out, Object o) {
    if (o == null) {
      out.put(NULL);
    } else if (o instanceof Long l) {
      out.put(LONG).putLong(l);
    } else if (o instanceof Integer i) {
      out.put(INT).putInt(i);
    } else if (o instanceof Double d) {
      out.put(DOUBLE).putDouble(d); // raw bits: a NaN comes back as it went
    } else if (o instanceof Boolean b) {
      out.put(BOOLEAN).put((byte) (b ? 1 : 0));
    } else {
      String s = (String) o;
      out.put(STRING).putInt(s.length());
      for (int i = 0; i < s.length(); i++) {
        out.putChar(s.charAt(i)); // chars, not UTF-8: a lone surrogate comes back as it went
      }
    }
  }

  /** Reads what {@link #write} wrote, from the buffer's position. */
  public static Object read(ByteBuffer in) throws StreamCorruptedException {
    try {
      in.get(); // MARK
      byte tag = in.get();
      if (tag != ARRAY) {
        return readScalar(in, tag);
      }
      Object[] array = new Object[in.getInt()];
      for (int i = 0; i < array.length; i++) {
        array[i] = readScalar(in, in.get());
      }
      return array;
    } catch (BufferUnderflowException e) {
      throw new StreamCorruptedException("a plain value cut short");
    }
  }

  private static Object readScalar(ByteBuffer in, byte tag) throws StreamCorruptedException {
    return switch (tag) {
      case NULL -> null;
      case LONG -> in.getLong();
      case INT -> in.getInt();
      case DOUBLE -> in.getDouble();
      case BOOLEAN -> in.get() != 0;
      case STRING -> {
        char[] chars = new char[in.getInt()];
        for (int i = 0; i < chars.length; i++) {
          chars[i] = in.getChar();
        }
        yield new String(chars);
      }
      default -> throw new StreamCorruptedException("unknown plain value tag " + tag);
    };
  }
}

package org.learnparallel.pool.internal.shipping;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.StreamCorruptedException;

/**
 * A short form for the values most tasks return: null, boxed {@code Long}, {@code Integer},
 * {@code Double}, {@code Boolean}, {@code String}, and {@code Object[]} of these (a chunk's
 * results). A new {@code ObjectOutputStream} and its class descriptors cost more than squaring a
 * number and sending it; these values need neither. Its bytes start with {@link #MARK}, which no
 * serialization stream does (they start with {@code 0xACED}), so a reader tells them apart.
 *
 * <pre>{@code
 * byte[] b = Plain.write(new Object[] {1L, "a"}); // null for a value it has no form for
 * Object[] back = (Object[]) Plain.read(b);
 * }</pre>
 */
public final class Plain {
  static final byte MARK = 1;
  private static final int NULL = 0;
  private static final int LONG = 1;
  private static final int INT = 2;
  private static final int DOUBLE = 3;
  private static final int BOOLEAN = 4;
  private static final int STRING = 5;
  private static final int ARRAY = 6;

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

  /** The short form of a value that {@link #fits}. */
  public static byte[] write(Object value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(MARK);
      if (value instanceof Object[] array) {
        out.writeByte(ARRAY);
        out.writeInt(array.length);
        for (Object o : array) {
          writeScalar(out, o);
        }
      } else {
        writeScalar(out, value);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e); // not reached: a byte array does not fail
    }
    return bytes.toByteArray();
  }

  private static void writeScalar(DataOutputStream out, Object o) throws IOException {
    if (o == null) {
      out.writeByte(NULL);
    } else if (o instanceof Long l) {
      out.writeByte(LONG);
      out.writeLong(l);
    } else if (o instanceof Integer i) {
      out.writeByte(INT);
      out.writeInt(i);
    } else if (o instanceof Double d) {
      out.writeByte(DOUBLE);
      out.writeDouble(d); // as Java serialization writes it: every NaN becomes the canonical one
    } else if (o instanceof Boolean b) {
      out.writeByte(BOOLEAN);
      out.writeBoolean(b);
    } else {
      String s = (String) o;
      out.writeByte(STRING);
      out.writeInt(s.length());
      out.writeChars(s); // chars, not UTF-8: a lone surrogate comes back as it went
    }
  }

  /** Reads what {@link #write} wrote. */
  static Object read(byte[] bytes) throws IOException {
    return read(bytes, 0);
  }

  /** Reads what {@link #write} wrote, found in {@code bytes} from {@code offset} to the end. */
  public static Object read(byte[] bytes, int offset) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, offset + 1, bytes.length - offset - 1));
    int tag = in.readUnsignedByte();
    if (tag != ARRAY) {
      return readScalar(in, tag);
    }
    Object[] array = new Object[in.readInt()];
    for (int i = 0; i < array.length; i++) {
      array[i] = readScalar(in, in.readUnsignedByte());
    }
    return array;
  }

  private static Object readScalar(DataInputStream in, int tag) throws IOException {
    return switch (tag) {
      case NULL -> null;
      case LONG -> in.readLong();
      case INT -> in.readInt();
      case DOUBLE -> in.readDouble();
      case BOOLEAN -> in.readBoolean();
      case STRING -> {
        char[] chars = new char[in.readInt()];
        for (int i = 0; i < chars.length; i++) {
          chars[i] = in.readChar();
        }
        yield new String(chars);
      }
      default -> throw new StreamCorruptedException("unknown plain value tag " + tag);
    };
  }
}

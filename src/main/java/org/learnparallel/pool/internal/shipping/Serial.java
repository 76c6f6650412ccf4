package org.learnparallel.pool.internal.shipping;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/** Java serialization to and from bytes, with the class loaders a notebook needs; see {@link Compact} and {@link Plain}. */
public final class Serial {
  private Serial() {}

  /**
   * Serializes {@code value}; {@code seen} receives the class loader of every class written, so
   * that the parent can later find the bytecode and classes of a notebook's cells.
   *
   * @param what what the value is, for the error message: "argument" or "result"
   * @throws IllegalArgumentException naming the type that is not Serializable
   */
  public static byte[] write(Object value, String what, Consumer<ClassLoader> seen) {
    return write(value, what, seen, true);
  }

  /**
   * Like {@link #write}, but each {@link Shared} value met is written as a reference and given to
   * {@code shared}, which sends it in full where it was not sent yet.
   */
  public static byte[] writeSharing(Object value, String what, Consumer<ClassLoader> seen, Consumer<Shared> shared) {
    Consumer<Shared> outer = SHARING.get();
    SHARING.set(s -> {
      s.serializeOnce(what, seen);
      shared.accept(s);
    });
    try {
      return write(value, what, seen, true);
    } finally {
      SHARING.set(outer);
    }
  }

  /** Where {@link #writeSharing} puts the shared values met; null: write them in full. */
  static final ThreadLocal<Consumer<Shared>> SHARING = new ThreadLocal<>();

  /** Like {@link #write} for a value that is itself a {@link Compact} stand-in's content. */
  static byte[] writeAsIs(Object value, String what, Consumer<ClassLoader> seen) {
    return write(value, what, seen, false);
  }

  private static byte[] write(Object value, String what, Consumer<ClassLoader> seen, boolean replaceTop) {
    if (replaceTop && Plain.fits(value)) {
      return Plain.write(value); // no class to ship: the classes of plain values are the JDK's
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(2048); // a small task's size: no regrowth
    try (ObjectOutputStream out = new ObjectOutputStream(bytes) {
      {
        enableReplaceObject(true);
      }

      @Override
      protected void annotateClass(Class<?> c) {
        seen.accept(c.getClassLoader());
      }

      @Override
      protected Object replaceObject(Object obj) {
        return obj == value && !replaceTop ? obj : Compact.replace(obj, what, seen);
      }
    }) {
      out.writeObject(value);
    } catch (NotSerializableException e) {
      throw new IllegalArgumentException(what + " of type " + e.getMessage() + " is not Serializable:"
          + " a worker process only receives and returns Serializable values (items, results, and the"
          + " variables a function captures)", e);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot serialize the " + what + " for a worker process: " + e, e);
    }
    return bytes.toByteArray();
  }

  /** Finds a class by its binary name. */
  public interface Resolver {
    Class<?> resolve(String name) throws ClassNotFoundException;
  }

  private static final ThreadLocal<Resolver> READING = new ThreadLocal<>();

  /** Deserializes, finding classes with {@code resolver} (which may ask the parent for them). */
  public static Object read(byte[] bytes, Resolver resolver) throws IOException, ClassNotFoundException {
    Resolver outer = READING.get();
    READING.set(resolver);
    try {
      return readWith(bytes, resolver);
    } finally {
      READING.set(outer);
    }
  }

  /** Deserializes bytes met inside what {@link #read} is reading, with the same resolver. */
  static Object readNested(byte[] bytes) throws IOException, ClassNotFoundException {
    return readWith(bytes, READING.get());
  }

  private static Object readWith(byte[] bytes, Resolver resolver) throws IOException, ClassNotFoundException {
    if (bytes.length > 0 && bytes[0] == Plain.MARK) {
      return Plain.read(ByteBuffer.wrap(bytes));
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes)) {
      @Override
      protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
        try {
          return resolver.resolve(desc.getName());
        } catch (ClassNotFoundException e) {
          return super.resolveClass(desc); // primitive types, which no loader finds by name
        }
      }
    }) {
      return in.readObject();
    }
  }
}

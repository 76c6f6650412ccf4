package org.learnparallel.pool.internal.shipping;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Cheaper forms of two things every map sends, swapped in while serializing and swapped back
 * while deserializing: lists and arrays of boxed numbers travel as primitive arrays (a tenth of the bytes
 * and time), and a lambda is deserialized once per worker instead of once per task (its
 * {@code $deserializeLambda$} call costs more than the rest of a small task).
 */
final class Compact {
  private static final int MIN_SIZE = 16;

  private Compact() {}

  /** The stand-in to write for {@code value}, or {@code value} itself; see {@link Serial#write}. */
  static Object replace(Object value, String what, Consumer<ClassLoader> seen) {
    Consumer<Shared> sharing = Serial.SHARING.get();
    if (value instanceof Shared s && sharing != null) {
      Serial.SHARING.remove(); // the shared value's own bytes are written in full
      try {
        sharing.accept(s);
      } finally {
        Serial.SHARING.set(sharing);
      }
      return new Shared.Ref(s.id());
    }
    if (value instanceof SerializedLambda) {
      return new LambdaBytes(Serial.writeAsIs(value, what, seen));
    }
    return value == null ? null : Numbers.of(value);
  }

  /** A serialized lambda; a worker keeps the few last ones it deserialized. */
  private record LambdaBytes(byte[] bytes) implements Serializable {
    private static final int CACHED = 32;
    private static final int MAX_CACHED_SIZE = 8192; // a lambda that captured big data is not kept
    private static final Map<ByteBuffer, Object> CACHE = new LinkedHashMap<>(CACHED, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Object> eldest) {
        return size() > CACHED;
      }
    };

    private Object readResolve() throws ObjectStreamException {
      ByteBuffer key = ByteBuffer.wrap(bytes);
      synchronized (CACHE) {
        Object cached = CACHE.get(key);
        if (cached != null) {
          return cached;
        }
      }
      Object lambda;
      try {
        lambda = Serial.readNested(bytes);
      } catch (IOException | ClassNotFoundException e) {
        throw (ObjectStreamException) new InvalidObjectException("cannot rebuild a lambda: " + e).initCause(e);
      }
      if (bytes.length <= MAX_CACHED_SIZE) {
        synchronized (CACHE) {
          CACHE.put(key, lambda);
        }
      }
      return lambda;
    }
  }

  /**
   * An {@code ArrayList} or {@code Object[]} of Integers, Longs or Doubles (no null), as one
   * primitive array: a map's chunks of items and of results are such arrays.
   */
  private record Numbers(boolean isArray, int[] ints, long[] longs, double[] doubles) implements Serializable {

    static Object of(Object value) {
      Object[] items;
      if (value.getClass() == ArrayList.class && ((ArrayList<?>) value).size() >= MIN_SIZE) {
        items = ((ArrayList<?>) value).toArray(); // copied only when it may pay
      } else if (value.getClass() == Object[].class) {
        items = (Object[]) value;
      } else {
        return value;
      }
      if (items.length < MIN_SIZE || items[0] == null) {
        return value;
      }
      Class<?> type = items[0].getClass();
      for (Object o : items) {
        if (o == null || o.getClass() != type) {
          return value;
        }
      }
      boolean isArray = value instanceof Object[];
      int n = items.length;
      if (type == Integer.class) {
        int[] a = new int[n];
        Arrays.setAll(a, i -> (Integer) items[i]);
        return new Numbers(isArray, a, null, null);
      }
      if (type == Long.class) {
        long[] a = new long[n];
        Arrays.setAll(a, i -> (Long) items[i]);
        return new Numbers(isArray, null, a, null);
      }
      if (type == Double.class) {
        double[] a = new double[n];
        Arrays.setAll(a, i -> (Double) items[i]);
        return new Numbers(isArray, null, null, a);
      }
      return value;
    }

    private Object readResolve() {
      Object[] items;
      if (ints != null) {
        items = Arrays.stream(ints).boxed().toArray();
      } else if (longs != null) {
        items = Arrays.stream(longs).boxed().toArray();
      } else {
        items = Arrays.stream(doubles).boxed().toArray();
      }
      return isArray ? items : new ArrayList<>(Arrays.asList(items));
    }
  }
}

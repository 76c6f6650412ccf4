package org.learnparallel.pool.internal.shipping;

import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A value that many messages carry (a call's function, which every chunk of the call holds), sent
 * once to each receiver and then by reference: the sender writes it in full once
 * ({@link #bytes}), and in each message a {@link Ref} of a few bytes stands for it.
 *
 * <p>Both sides keep the last {@link #KEPT} values in the order they were sent, the sender as ids
 * and the receiver as values, so that what the sender believes the receiver has, it has.
 *
 * <pre>{@code
 * Shared shared = new Shared(fn);
 * byte[] message = Serial.writeSharing(task, "argument", seen, s -> sendFirst(s.id(), s.bytes()));
 * }</pre>
 */
public class Shared implements Serializable {
  /** How many values a receiver keeps, the most recent. */
  public static final int KEPT = 64;
  private static final AtomicLong IDS = new AtomicLong();
  private static final Map<Long, Object> RECEIVED = new LinkedHashMap<>() { // guarded by itself
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Object> eldest) {
      return size() > KEPT;
    }
  };

  private final long id = IDS.incrementAndGet();
  private final transient Object value;
  private transient volatile byte[] bytes; // written once, on first use

  protected Shared(Object value) {
    this.value = value;
  }

  public final long id() {
    return id;
  }

  /** The value serialized, once; see {@link Serial#write}. */
  public final byte[] bytes() {
    return bytes;
  }

  final void serializeOnce(String what, Consumer<ClassLoader> seen) {
    if (bytes == null) {
      synchronized (this) {
        if (bytes == null) {
          bytes = Serial.write(value, what, seen);
        }
      }
    }
  }

  /** On the receiver: the value of {@code id}, read by {@code read}, for the {@link Ref}s that follow. */
  public static void receive(long id, Object valueOrFailure) {
    synchronized (RECEIVED) {
      RECEIVED.put(id, valueOrFailure);
    }
  }

  /**
   * On the receiver: the value received as {@code id}.
   *
   * @throws InvalidObjectException if it was not received, or could not be read (then its cause)
   */
  public static Object received(long id) throws InvalidObjectException {
    Object value;
    synchronized (RECEIVED) {
      value = RECEIVED.get(id);
    }
    if (value instanceof Throwable failure) {
      throw (InvalidObjectException) new InvalidObjectException("cannot read the function: " + failure).initCause(failure);
    }
    if (value == null) {
      throw new InvalidObjectException("shared value " + id + " was not received");
    }
    return value;
  }

  /** What a message carries in place of the shared value. */
  record Ref(long id) implements Serializable {
    private Object readResolve() throws ObjectStreamException {
      return received(id);
    }
  }
}

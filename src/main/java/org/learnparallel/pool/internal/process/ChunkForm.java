package org.learnparallel.pool.internal.process;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.nio.ByteBuffer;
import org.learnparallel.function.CheckedFunction;
import org.learnparallel.pool.internal.Chunk;
import org.learnparallel.pool.internal.Task;
import org.learnparallel.pool.internal.shipping.Plain;
import org.learnparallel.pool.internal.shipping.Shared;

/**
 * The short form of the task most calls send: a chunk of plain items (numbers, strings: see
 * {@link Plain}) under the call's function, which went ahead once as a shared value. It is the id
 * of that function, the chunk's start and its items, a few bytes an item, where Java serialization
 * would spend a new stream and its class descriptors on every chunk: with one item a chunk, that
 * cost more than the item's round trip.
 *
 * <pre>{@code
 * byte[] bytes = ChunkForm.write(task); // null: not such a chunk, serialize it
 * Task<?> back = ChunkForm.read(bytes);  // in the worker, after the function's SHARED frame
 * }</pre>
 */
final class ChunkForm {
  private static final int HEADER = Long.BYTES + Integer.BYTES;

  private ChunkForm() {}

  /** The short form of {@code task}, or null if it has none (not a chunk, a function sent in full, items not plain). */
  static byte[] write(Task<?> task) {
    if (!(task instanceof Chunk<?, ?> chunk && chunk.fn() instanceof OnceFunction<?, ?> fn && Plain.fits(chunk.items()))) {
      return null;
    }
    byte[] bytes = new byte[HEADER + Plain.size(chunk.items())];
    ByteBuffer out = ByteBuffer.wrap(bytes).putLong(fn.id()).putInt(chunk.start());
    Plain.write(out, chunk.items());
    return bytes;
  }

  /**
   * The chunk of a short form, on a worker that received its function.
   *
   * @throws InvalidObjectException if the function was not received or could not be read
   */
  static Task<?> read(byte[] bytes) throws IOException {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    @SuppressWarnings("unchecked")
    CheckedFunction<Object, Object> fn = (CheckedFunction<Object, Object>) Shared.received(in.getLong());
    int start = in.getInt();
    return new Chunk<>(fn, (Object[]) Plain.read(in), start);
  }
}

package org.learnparallel.pool.internal.process;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InvalidObjectException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.learnparallel.function.CheckedFunction;
import org.learnparallel.pool.internal.Chunk;
import org.learnparallel.pool.internal.Task;
import org.learnparallel.pool.internal.shipping.Shared;

/** The short form of a chunk: what travels, what does not, and a function that never arrived. */
class ChunkFormTest {
  private static final CheckedFunction<Object, Object> SQUARE = x -> (Long) x * (Long) x;

  @Test
  void aChunkOfPlainItemsUnderASharedFunctionComesBackWhole() throws Exception {
    OnceFunction<Object, Object> fn = new OnceFunction<>(SQUARE);
    Object[] items = {3L, null, "a string", 2.5, true, 7};
    byte[] bytes = ChunkForm.write(new Chunk<>(fn, items, 40));
    assertTrue(bytes.length < 80, "a few bytes an item: " + bytes.length);
    Shared.receive(fn.id(), SQUARE); // as the worker does with the SHARED frame that went ahead
    Chunk<?, ?> back = (Chunk<?, ?>) ChunkForm.read(bytes);
    assertArrayEquals(items, back.items());
    assertEquals(40, back.start());
    assertEquals(SQUARE, back.fn());
  }

  @Test
  void otherTasksHaveNoShortForm() {
    OnceFunction<Object, Object> fn = new OnceFunction<>(SQUARE);
    assertNull(ChunkForm.write(new Chunk<>(fn, new Object[] {List.of(1L)}, 0)), "an item that is not plain");
    assertNull(ChunkForm.write(new Chunk<>(SQUARE, new Object[] {1L}, 0)), "a function not shared");
    assertNull(ChunkForm.write((Task<String>) () -> "not a chunk"));
  }

  @Test
  void aFunctionThatWasNotReceivedFailsTheChunkClearly() {
    byte[] bytes = ChunkForm.write(new Chunk<>(new OnceFunction<>(SQUARE), new Object[] {1L}, 0));
    InvalidObjectException e = assertThrows(InvalidObjectException.class, () -> ChunkForm.read(bytes));
    assertTrue(e.getMessage().contains("was not received"), e.getMessage());
  }
}

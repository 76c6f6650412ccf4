package org.learnparallel.pool.internal.shipping;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlainTest {
  private static byte[] write(Object value) {
    return Serial.write(value, "result", l -> {});
  }

  private static Object read(byte[] bytes) throws Exception {
    return Serial.read(bytes, name -> Class.forName(name, false, PlainTest.class.getClassLoader()));
  }

  @Test
  void aChunksResultsOfPlainValuesTakeTheShortFormAndComeBackEqualWithTheirTypes() throws Exception {
    Object[] results = {42L, -7, 2.5, Double.NaN, true, null, "", "caf\u00e9 \ud83d\ude00 \ud800", Long.MIN_VALUE};
    byte[] bytes = write(results);
    assertEquals(Plain.MARK, bytes[0]);
    Object[] back = (Object[]) read(bytes);
    assertArrayEquals(results, back);
    for (int i = 0; i < results.length; i++) {
      assertEquals(results[i] == null ? null : results[i].getClass(), back[i] == null ? null : back[i].getClass(), "item " + i);
    }
    for (Object one : new Object[] {9L, "x", null, 3}) {
      assertEquals(Plain.MARK, write(one)[0]);
      assertEquals(one, read(write(one)));
    }
  }

  @Test
  void otherValuesStillTravelByJavaSerialization() throws Exception {
    Object[] withList = {1L, List.of(2L)};
    String[] strings = {"a", "b"}; // its array type must survive: not an Object[]
    Object[] nested = {new Object[] {1L}};
    for (Object value : new Object[] {withList, strings, nested, new IllegalStateException("boom"), (short) 3}) {
      byte[] bytes = write(value);
      assertNotEquals(Plain.MARK, bytes[0], value.toString());
      Object back = read(bytes);
      assertEquals(value.getClass(), back.getClass());
    }
    assertArrayEquals(strings, (String[]) read(write(strings)));
    assertEquals(List.of(2L), ((Object[]) read(write(withList)))[1]);
  }
}

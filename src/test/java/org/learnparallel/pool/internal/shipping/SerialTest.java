package org.learnparallel.pool.internal.shipping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.learnparallel.function.CheckedFunction;

class SerialTest {
  private static Object roundTrip(Object value) throws Exception {
    return Serial.read(Serial.write(value, "argument", l -> {}), name -> Class.forName(name, false, SerialTest.class.getClassLoader()));
  }

  @Test
  void listsOfNumbersComeBackEqualAndSmaller() throws Exception {
    List<Integer> ints = IntStream.range(0, 1000).boxed().collect(Collectors.toList());
    List<Long> longs = ints.stream().map(i -> i * 1_000_000_000L).collect(Collectors.toList());
    List<Double> doubles = ints.stream().map(i -> i / 3.0).collect(Collectors.toList());
    List<Object> mixed = new ArrayList<>(ints);
    mixed.set(500, "five hundred");
    List<Integer> withNull = new ArrayList<>(ints);
    withNull.set(7, null);
    for (Object list : List.of(ints, longs, doubles, mixed, withNull, new ArrayList<>(List.of(1, 2)))) {
      assertEquals(list, roundTrip(list));
    }
    assertTrue(Serial.write(ints, "argument", l -> {}).length < 5 * ints.size(), "four bytes an int, not ten");
  }

  @Test
  void aLambdaIsRebuiltOncePerProcess() throws Exception {
    int offset = 5;
    CheckedFunction<Integer, Integer> f = x -> x + offset;
    @SuppressWarnings("unchecked")
    CheckedFunction<Integer, Integer> first = (CheckedFunction<Integer, Integer>) roundTrip(f);
    assertEquals(8, first.apply(3));
    assertSame(first, roundTrip(f), "the same bytes give the same function, not a new one");
    assertEquals(Arrays.asList(6, 7), List.of(first.apply(1), first.apply(2)));
  }
}

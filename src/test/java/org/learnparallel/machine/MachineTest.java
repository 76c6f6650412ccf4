package org.learnparallel.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MachineTest {
  @Test
  void valuesAreSane() {
    Machine m = Machine.current();
    assertTrue(m.availableProcessors() >= 1);
    assertTrue(m.physicalCores() >= 1);
    assertTrue(m.physicalCores() <= m.logicalCores());
    assertEquals(ProcessHandle.current().pid(), m.pid());
    assertTrue(m.liveThreads() >= 1);
    assertFalse(m.cpuModel().isBlank());
  }

  @Test
  void readableTable() {
    Machine m = Machine.current();
    assertEquals(8, m.table().rowCount());
    assertTrue(m.toString().contains("JVM availableProcessors()"));
    assertTrue(m.brief().contains("JVM uses " + m.availableProcessors()));
  }
}

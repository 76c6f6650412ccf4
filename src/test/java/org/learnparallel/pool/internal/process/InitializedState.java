package org.learnparallel.pool.internal.process;

import java.io.Serializable;

/** State that an initializer sets in a worker, and a class of the caller's for results. */
final class InitializedState {
  static int value;

  record Point(int x, int y) implements Serializable {}

  private InitializedState() {}
}

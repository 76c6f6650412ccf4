package org.learnparallel.jjava;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;

/**
 * Loaded by the JJava kernel when this library's jar is on its classpath (listed in
 * {@code META-INF/services/org.dflib.jjava.jupyter.Extension}): imports what the notebooks use, so
 * that a notebook needs no setup cell.
 *
 * <pre>{@code
 * // in a notebook cell, with no import written:
 * try (Pool pool = Pool.threads(2)) { pool.map(x -> x * x, List.of(1, 2, 3)); }
 * }</pre>
 */
public final class NotebookExtension implements Extension {

  static final String IMPORTS = String.join("\n",
      "import org.learnparallel.pool.*;",
      "import org.learnparallel.pool.function.*;",
      "import java.time.Duration;"); // for AsyncResult.get(Duration); JShell does not import java.time

  @Override
  public void install(BaseKernel kernel) {
    kernel.evalRaw(IMPORTS);
  }
}

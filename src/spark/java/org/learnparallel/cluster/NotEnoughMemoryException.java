package org.learnparallel.cluster;

/**
 * Thrown by {@link LocalCluster#start(int)} when this machine (or container) lacks the memory for the
 * cluster asked for; no JVM was started. Its message says how much the cluster needs and how much
 * there is. A notebook catches it to show a recorded run instead, as notebook 07 does.
 *
 * <pre>{@code
 * try (LocalCluster cluster = LocalCluster.start(2)) {
 *   ...
 * } catch (NotEnoughMemoryException e) {
 *   System.out.println("no cluster here: " + e.getMessage());
 * }
 * }</pre>
 */
public final class NotEnoughMemoryException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** An exception with this message. */
  public NotEnoughMemoryException(String message) {
    super(message);
  }
}

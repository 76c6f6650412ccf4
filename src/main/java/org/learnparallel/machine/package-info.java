/**
 * What a notebook runs on: {@link org.learnparallel.machine.Machine} tells physical from logical
 * cores and how many of them the JVM may use.
 *
 * <pre>{@code
 * Machine.current()   // a small table, as a cell's last expression
 * }</pre>
 */
package org.learnparallel.machine;

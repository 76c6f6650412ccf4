/**
 * Not API: class shipping, how a function defined in a notebook cell runs in another JVM. Values
 * travel by Java serialization ({@link org.learnparallel.pool.internal.shipping.Serial}); the
 * classes of cells, which live in the kernel's memory only, travel as bytecode
 * ({@link org.learnparallel.pool.internal.shipping.Bytecode}) with the cells' top-level variables
 * ({@link org.learnparallel.pool.internal.shipping.CellStatics}). The sending side is
 * {@link org.learnparallel.pool.internal.shipping.ClassShipper}, the receiving side
 * {@link org.learnparallel.pool.internal.shipping.ShippedClassLoader}; both are independent of the
 * pipe that carries them ({@code internal.process}) so that Spark's executors can use them too.
 */
package org.learnparallel.pool.internal.shipping;

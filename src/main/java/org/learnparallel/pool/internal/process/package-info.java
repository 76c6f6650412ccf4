/**
 * Not API: worker processes. {@link org.learnparallel.pool.internal.process.ProcessBackend} is the
 * parent's side, {@link org.learnparallel.pool.internal.process.WorkerMain} the {@code main} of a
 * worker JVM; they talk over the worker's stdin and stdout in the frames of {@code Protocol}.
 */
package org.learnparallel.pool.internal.process;

/**
 * Not API: worker processes. {@link org.learnparallel.pool.internal.process.ProcessBackend} is the
 * parent's side, {@link org.learnparallel.pool.internal.process.WorkerMain} the {@code main} of a
 * worker JVM; they talk over the worker's stdin and stdout in the frames of {@code Protocol}, whose
 * codec both ends share. What travels is serialized by {@code internal.shipping}, except a chunk of
 * plain items, which has a short form of its own ({@code ChunkForm}).
 *
 * <p>Each worker of a {@code ProcessBackend} has a few tasks at a time: one running, the others
 * sent ahead, more the shorter they are ({@code PipelineDepth}); a task goes to the least busy worker
 * with room, or waits in a queue ({@code Dispatch}). When a worker dies (killed,
 * {@code System.exit}, out of memory), the tasks it had fail at once with a
 * {@code WorkerDiedException}, and a new worker is started in its place: the pool is not broken,
 * unlike Python's {@code BrokenProcessPool}, because we know which tasks were lost. If a
 * replacement worker cannot start, the pool is broken: the queued tasks fail with that error and no
 * new task is accepted. A worker whose initializer threw stays, and fails each task it is given, as
 * a thread worker does (see {@code Backend}). A worker's {@code System.out} and {@code System.err}
 * are printed by this process, on its {@code System.out} and {@code System.err} of the moment.
 * Workers end when this JVM ends, even when it is killed. A worker JVM starts with this JVM's java
 * and classpath ({@code WorkerCommand}), mapping the classes it needs from a class-data-sharing
 * archive that the first worker recorded ({@code WorkerArchive}).
 */
package org.learnparallel.pool.internal.process;

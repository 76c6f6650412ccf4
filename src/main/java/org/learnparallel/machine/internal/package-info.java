/**
 * Not API: what two packages of this library read from the machine alike, which may change at any
 * time. {@link org.learnparallel.machine.internal.ProcessTreeCpu}: the CPU time of this JVM with its
 * worker processes, which both the live view ({@code org.learnparallel.live}) and the studies'
 * other-programs figure ({@code org.learnparallel.timing}) count as this kernel's.
 */
package org.learnparallel.machine.internal;

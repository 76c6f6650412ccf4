package org.learnparallel.chart;

/**
 * Something that can be drawn. In a notebook, a {@code Chartable} that is a cell's last expression
 * shows as its chart (see {@code org.learnparallel.jjava.NotebookExtension}); its
 * {@code toString()} is the plain-text fallback.
 *
 * <pre>{@code
 * Bench.time(() -> LongStream.range(0, 10_000_000).sum())   // the runs, as a chart
 * }</pre>
 */
public interface Chartable {

  /** The chart of this object. */
  Chart chart();
}

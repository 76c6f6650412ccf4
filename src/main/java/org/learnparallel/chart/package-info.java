/**
 * Charts for notebook cells: {@link org.learnparallel.chart.Chart} (a Plotly figure and the table
 * behind it) and {@link org.learnparallel.chart.Chartable}, what every result that can be drawn
 * implements. As a cell's last expression, a {@code Chartable} shows as its chart.
 *
 * <pre>{@code
 * Bench.time(() -> LongStream.range(0, 10_000_000).sum())   // a Timing: drawn as its runs
 * }</pre>
 */
package org.learnparallel.chart;

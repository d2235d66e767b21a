/**
 * Reports of a layer sweep: JSON for programs, a Markdown table for people and a PNG plot of
 * accuracy and control accuracy per layer.
 *
 * <pre>{@code
 * ReportFiles files = SweepReports.write(result, Path.of("target/sweep"), "fabric");
 * }</pre>
 */
package org.lens4j.probe.report;

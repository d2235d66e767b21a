/**
 * Layer sweep: probe every (module, pooling) pair with the same split, compare each main probe
 * with its controls, test and adjust across layers, and recommend a layer chosen on the training
 * part only.
 *
 * <p>Results ({@link org.lens4j.probe.sweep.SweepResult}, {@link org.lens4j.probe.sweep.LayerResult})
 * are immutable records that carry seeds, versions and names; {@code org.lens4j.probe.report}
 * turns them into JSON, Markdown and a PNG chart.
 */
package org.lens4j.probe.sweep;

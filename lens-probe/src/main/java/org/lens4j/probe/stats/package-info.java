/**
 * Statistics for deciding whether a probed layer encodes a property.
 *
 * <p>Every test is an immutable, configure-then-test object: start from {@code withDefaults()},
 * derive variants with {@code with…} methods, then call {@code test}, {@code estimate},
 * {@code interval} or {@code adjust}. Results are records that carry the statistic, the p-value
 * and the options that produced them, so a number printed in a notebook explains itself.
 *
 * <ul>
 *   <li>{@link org.lens4j.probe.stats.Selectivity}: main minus control accuracy with a
 *       group-clustered bootstrap percentile interval;</li>
 *   <li>{@link org.lens4j.probe.stats.PermutationTest}: Ojala &amp; Garriga test 1, refitting a
 *       caller-supplied pipeline on permuted labels, and the cheaper fixed-prediction variant;</li>
 *   <li>{@link org.lens4j.probe.stats.McNemarTest}: paired comparison of two probes on the same
 *       test items;</li>
 *   <li>{@link org.lens4j.probe.stats.TwoProportionZTest}: the unpaired z-test, kept only for
 *       comparison with tools that report it;</li>
 *   <li>{@link org.lens4j.probe.stats.WilsonInterval}: score interval for an accuracy;</li>
 *   <li>{@link org.lens4j.probe.stats.PValueAdjustment}: Holm and Benjamini–Hochberg adjustment
 *       across layers.</li>
 * </ul>
 */
package org.lens4j.probe.stats;

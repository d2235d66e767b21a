/**
 * Probing API: feature sets with labels and groups, the deterministic label map, the runner that
 * trains a probe on a split and scores it, and the self-describing result.
 *
 * <p>Sub-packages: {@code split} (stratified grouped splits and folds), {@code model} (probe
 * configurations, trainers, the kernel fast path for many logistic refits) and {@code control}
 * (shuffled-label, control-task and control-model probes).
 */
package org.lens4j.probe;

/**
 * Probe configurations (L2 logistic regression, MLP), their optimiser settings, the trainer every
 * probe goes through, trained probes, k-fold grid search, and the kernel-form logistic solver for
 * many refits on one Gram matrix.
 */
package org.lens4j.probe.model;

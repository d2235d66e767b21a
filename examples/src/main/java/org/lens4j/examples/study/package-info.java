/**
 * The fabric-defect layer study: generate or read a labelled image set, extract the five study
 * modules of a Qwen2-VL model (or of a random-weight network of the same shape) into a feature
 * store, and compare main and control probes across those modules.
 */
package org.lens4j.examples.study;

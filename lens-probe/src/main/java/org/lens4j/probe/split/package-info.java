/**
 * Train/test splits and k-fold partitions that are stratified by label, keep each group (image or
 * pair id) on one side, and are replayable from their seed.
 */
package org.lens4j.probe.split;

/** Argument checks, shuffling, counting and quantiles shared by the statistics; not API. */
package org.lens4j.probe.stats.internal;

/** Seeds, version lookup and per-layer computation of the layer sweep; not API. */
package org.lens4j.probe.sweep.internal;

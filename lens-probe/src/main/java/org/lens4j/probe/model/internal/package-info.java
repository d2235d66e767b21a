/** Solvers, networks, losses and standardisation behind the probe models; not API. */
package org.lens4j.probe.model.internal;

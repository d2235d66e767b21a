/** Seed derivation and scoring helpers of the probe API; not API. */
package org.lens4j.probe.internal;

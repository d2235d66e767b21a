/**
 * Forward hooks that model code calls at every named module, and capture sessions that keep the
 * requested outputs (or inputs), pool them on the device and copy them into ND4J arrays.
 */
package org.lens4j.core.capture;

/**
 * Control probes, each a {@link org.lens4j.probe.Control} trained through the same runner as the
 * main probe: shuffled training labels, the Hewitt &amp; Liang control task, and a control model
 * (another feature set for the same items).
 */
package org.lens4j.probe.control;

/**
 * Test support exported with the lens-models test jar: the adapter contract every family's test
 * extends, and a tiny adapter and processor that demonstrate it.
 */
package org.lens4j.models.testing;

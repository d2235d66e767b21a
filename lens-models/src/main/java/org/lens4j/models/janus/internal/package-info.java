/** The Janus module layout, aligner and forward pass. Not API. */
package org.lens4j.models.janus.internal;

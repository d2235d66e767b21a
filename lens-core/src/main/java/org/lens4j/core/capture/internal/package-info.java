/** The steps of a capture session; use {@link org.lens4j.core.capture.CaptureSession} instead. */
package org.lens4j.core.capture.internal;

/** Number formatting and Java2D drawing helpers of the reports; not API. */
package org.lens4j.probe.report.internal;

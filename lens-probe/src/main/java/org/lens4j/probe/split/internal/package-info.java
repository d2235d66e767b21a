/** Group bookkeeping shared by the splitters; not API. */
package org.lens4j.probe.split.internal;

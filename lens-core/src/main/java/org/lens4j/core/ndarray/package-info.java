/** Copies between DJL NDArrays and ND4J INDArrays through direct byte buffers. */
package org.lens4j.core.ndarray;

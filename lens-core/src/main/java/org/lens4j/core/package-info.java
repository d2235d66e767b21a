/**
 * Core of Lens4J: the offline runtime bootstrap shared by every path into DJL.
 *
 * <p>Sub-packages hold checkpoints ({@code checkpoint}), the module tree and name selection
 * ({@code module}), hooks and captures ({@code capture}), pooling ({@code pool}), DJL/ND4J
 * conversions ({@code ndarray}), image decoding ({@code image}) and the SQLite feature store
 * ({@code store}).
 */
package org.lens4j.core;

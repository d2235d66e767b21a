/**
 * Pieces shared by the model families that are not API: adapter steps, the lifecycle of a loaded
 * model, its module listing, the loading of its parameters, a LayerNorm layer and the child
 * managers that free one step's intermediates. Signatures may change without notice.
 */
package org.lens4j.models.blocks.internal;

/**
 * Pieces shared by the model families that are not API: the lifecycle of a loaded model and the
 * loading of its parameters. Signatures may change without notice.
 */
package org.lens4j.models.blocks.internal;

package org.lens4j.core.checkpoint;

/**
 * Thrown when a checkpoint file or index breaks the safetensors format or contradicts itself:
 * a truncated file, an invalid header, an unsupported dtype, inconsistent offsets, or shards that
 * do not match their index. The message names the file, the tensor where one is involved, and
 * the values in conflict.
 */
public class CheckpointFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message naming the file and the violated rule. */
    public CheckpointFormatException(String message) {
        super(message);
    }

    /** Creates an exception with a message and the parser error that caused it. */
    public CheckpointFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}

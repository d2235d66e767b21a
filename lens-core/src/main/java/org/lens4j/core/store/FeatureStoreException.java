package org.lens4j.core.store;

/**
 * A feature store operation failed: the database could not be read or written, or a stored row is
 * corrupt. The message names the file or row, and the cause, if any, is the database error.
 */
public class FeatureStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message. */
    public FeatureStoreException(String message) {
        super(message);
    }

    /** Creates an exception with a message and the underlying cause. */
    public FeatureStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

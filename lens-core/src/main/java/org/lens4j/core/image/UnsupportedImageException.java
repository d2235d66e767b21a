package org.lens4j.core.image;

import java.io.IOException;

/**
 * Raised when an image file is readable but its format or colour type cannot be decoded to RGB,
 * for example a CMYK JPEG or a WebP file. The message names the file and what to do.
 */
public class UnsupportedImageException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming the file. */
    public UnsupportedImageException(String message) {
        super(message);
    }

    /** Creates the exception with a message naming the file and the decoder's error. */
    public UnsupportedImageException(String message, Throwable cause) {
        super(message, cause);
    }
}

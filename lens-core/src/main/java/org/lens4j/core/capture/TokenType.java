package org.lens4j.core.capture;

/** The kind of one position of a language-model sequence. */
public enum TokenType {
    /** A placeholder or query token that carries image features. */
    IMAGE,
    /** An ordinary text token of the prompt. */
    TEXT,
    /** A special token: begin/end of image, chat-template markers, BOS/EOS, padding. */
    SPECIAL
}

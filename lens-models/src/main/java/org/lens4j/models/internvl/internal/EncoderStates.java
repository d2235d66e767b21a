package org.lens4j.models.internvl.internal;

import ai.djl.ndarray.NDArray;

/**
 * Walks an encoder's hidden states, keeping the one a feature layer selects and closing every
 * other superseded state. State 0 is the encoder input and state {@code i} the output of layer
 * {@code i − 1}.
 */
final class EncoderStates {

    private final int keepIndex;
    private NDArray current;
    private NDArray selected;
    private int index;

    /**
     * @param keepIndex the state to keep, or −1 for none
     * @param input state 0
     */
    EncoderStates(int keepIndex, NDArray input) {
        this.keepIndex = keepIndex;
        this.current = input;
        if (keepIndex == 0) {
            selected = input;
        }
    }

    /** Returns the newest state. */
    NDArray current() {
        return current;
    }

    /** Makes {@code next} the newest state, closing the previous one unless it is selected. */
    void advance(NDArray next) {
        if (current != selected) {
            current.close();
        }
        current = next;
        index++;
        if (index == keepIndex) {
            selected = next;
        }
    }

    /** Returns the selected state. */
    NDArray selected() {
        if (selected == null) {
            throw new IllegalStateException("hidden state " + keepIndex + " was not reached; only " + index
                    + " layers ran");
        }
        return selected;
    }
}

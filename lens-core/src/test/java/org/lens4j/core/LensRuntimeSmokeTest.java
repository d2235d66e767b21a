package org.lens4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class LensRuntimeSmokeTest {

    @Test
    void engineAddsTwoArraysOffline() {
        try (NDManager manager = LensRuntime.newManager()) {
            NDArray sum = manager.ones(new Shape(2, 3)).add(1f);
            assertEquals(12f, sum.sum().getFloat(), 0f);
        }
    }
}

package org.lens4j.core.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class PoolingParseTest {

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"none", "None", "NONE", " none "})
    void missingValuesMeanNone(String text) {
        assertEquals(Pooling.NONE, Pooling.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mean", "Mean", "MEAN"})
    void namesIgnoreCase(String text) {
        assertEquals(Pooling.MEAN, Pooling.parse(text));
    }

    @Test
    void unknownPoolingListsAllowedNames() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Pooling.parse("median"));

        assertEquals("unknown pooling 'median'; allowed: none, mean, max, first, last", error.getMessage());
    }

    @Test
    void unknownSubsetListsAllowedNames() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> TokenSubset.parse("video"));

        assertEquals("unknown token subset 'video'; allowed: all, image, text", error.getMessage());
    }

    @Test
    void specLabelRoundTrips() {
        for (Pooling pooling : Pooling.values()) {
            for (TokenSubset subset : TokenSubset.values()) {
                if (pooling == Pooling.NONE && subset != TokenSubset.ALL) {
                    continue;
                }
                PoolingSpec spec = PoolingSpec.of(pooling, subset);
                assertEquals(spec, PoolingSpec.parse(spec.label()), spec.label());
            }
        }
    }

    @Test
    void specWithoutSubsetMeansAll() {
        assertEquals(PoolingSpec.of(Pooling.LAST, TokenSubset.ALL), PoolingSpec.parse("last"));
    }

    @Test
    void noneWithSubsetIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> PoolingSpec.parse("none:image"));

        assertEquals(true, error.getMessage().contains("pooling none keeps every position"), error.getMessage());
    }
}

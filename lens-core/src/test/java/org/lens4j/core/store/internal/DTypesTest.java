package org.lens4j.core.store.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lens4j.core.checkpoint.TensorDType;

class DTypesTest {

    /** Binary16 bit patterns and their values, from the IEEE 754 binary16 layout. */
    @ParameterizedTest
    @CsvSource({
        "0x3c00, 1.0",
        "0xc000, -2.0",
        "0x7bff, 65504.0",
        "0x0001, 5.9604645E-8",
        "0x0400, 6.1035156E-5",
        "0x3555, 0.33325195",
        "0x7c00, Infinity",
        "0xfc00, -Infinity"})
    void halfToFloatWidensExactly(String bits, float expected) {
        short half = (short) Integer.parseInt(bits.substring(2), 16);

        assertEquals(expected, DTypes.halfToFloat(half), 0f);
    }

    @Test
    void halfToFloatKeepsNaN() {
        assertTrue(Float.isNaN(DTypes.halfToFloat((short) 0x7e00)));
    }

    @Test
    void toFloatsWidensBfloat16() {
        // 1.0 = 0x3f80, -2.5 = 0xc020 (the top 16 bits of the float32 patterns)
        byte[] data = {(byte) 0x80, 0x3f, 0x20, (byte) 0xc0};

        assertArrayEquals(new float[] {1.0f, -2.5f}, DTypes.toFloats(TensorDType.BF16, data));
    }

    @Test
    void nameRoundTripsEveryDtype() {
        for (TensorDType dtype : TensorDType.values()) {
            assertEquals(dtype, DTypes.fromName(DTypes.name(dtype)));
        }
    }

    @Test
    void fromNameRejectsUnknownName() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> DTypes.fromName("complex64"));

        assertTrue(error.getMessage().contains("complex64"), error.getMessage());
    }
}

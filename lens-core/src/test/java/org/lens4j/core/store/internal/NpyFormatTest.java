package org.lens4j.core.store.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lens4j.core.checkpoint.TensorDType;
import org.lens4j.core.store.StoredTensor;

class NpyFormatTest {

    /** Magic (6) + version (2) + header length (2). */
    private static final int PREAMBLE = 10;

    @Test
    void encodeWritesVersion1Preamble() {
        byte[] npy = NpyFormat.encode(StoredTensor.ofFloats(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));

        assertArrayEquals(NpyFormat.MAGIC, Arrays.copyOf(npy, 6));
        assertEquals(1, npy[6]);
        assertEquals(0, npy[7]);
    }

    @Test
    void encodeWritesHeaderDict() {
        byte[] npy = NpyFormat.encode(StoredTensor.ofFloats(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));

        String header = header(npy);

        assertTrue(header.startsWith(
                "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"), header);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 7})
    void encodePadsHeaderToMultipleOf64(int rank) {
        long[] shape = new long[rank];
        Arrays.fill(shape, 1);
        byte[] npy = NpyFormat.encode(StoredTensor.ofFloats(new float[] {42}, shape));

        String header = header(npy);

        assertEquals(0, (PREAMBLE + header.length()) % NpyFormat.ALIGNMENT, header);
        assertEquals('\n', header.charAt(header.length() - 1));
        assertTrue(header.substring(header.indexOf('}') + 1, header.length() - 1).isBlank());
    }

    @Test
    void encodeWritesOneElementTupleWithComma() {
        byte[] npy = NpyFormat.encode(StoredTensor.ofFloats(new float[] {1, 2, 3}, 3));

        assertTrue(header(npy).contains("'shape': (3,)"), header(npy));
    }

    @Test
    void encodeWritesElementsAfterHeader() {
        byte[] npy = NpyFormat.encode(StoredTensor.ofDoubles(new double[] {1.5, -2.25}, 2));
        int dataStart = PREAMBLE + header(npy).length();

        ByteBuffer data = ByteBuffer.wrap(npy, dataStart, 16).order(ByteOrder.LITTLE_ENDIAN);

        assertEquals(1.5, data.getDouble(), 0.0);
        assertEquals(-2.25, data.getDouble(), 0.0);
        assertEquals(dataStart + 16, npy.length);
    }

    @Test
    void encodeUsesPipeForSingleByteTypes() {
        byte[] npy = NpyFormat.encode(StoredTensor.of(TensorDType.U8, new long[] {2},
                new byte[] {7, (byte) 200}));

        assertTrue(header(npy).contains("'descr': '|u1'"), header(npy));
    }

    @ParameterizedTest
    @ValueSource(strings = {"F64", "F32", "F16", "I64", "I32", "I16", "I8", "U8", "BOOL"})
    void roundTripKeepsEveryNumpyDtype(String dtypeName) {
        TensorDType dtype = TensorDType.valueOf(dtypeName);
        long seed = 31L + dtype.ordinal();
        StoredTensor tensor = TorchFormatTest.randomTensor(dtype, new long[] {3, 1, 5}, seed);

        StoredTensor back = NpyFormat.decode(NpyFormat.encode(tensor));

        assertEquals(tensor, back, "seed " + seed);
    }

    @Test
    void roundTripKeepsEmptyAndScalarShapes() {
        StoredTensor empty = StoredTensor.ofFloats(new float[0], 0, 4);
        StoredTensor scalar = StoredTensor.ofFloats(new float[] {3}, new long[0]);

        assertEquals(empty, NpyFormat.decode(NpyFormat.encode(empty)));
        assertEquals(scalar, NpyFormat.decode(NpyFormat.encode(scalar)));
    }

    @Test
    void encodeRejectsBfloat16() {
        StoredTensor tensor = StoredTensor.of(TensorDType.BF16, new long[] {1}, new byte[2]);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> NpyFormat.encode(tensor));

        assertTrue(error.getMessage().contains("bfloat16"), error.getMessage());
        assertTrue(error.getMessage().contains("torch codec"), error.getMessage());
    }

    @Test
    void decodeReadsBigEndianFortranOrder() {
        // A 2x3 float32 array [[1, 2, 3], [4, 5, 6]] stored column by column, big-endian.
        ByteBuffer data = ByteBuffer.allocate(24).order(ByteOrder.BIG_ENDIAN);
        for (float value : new float[] {1, 4, 2, 5, 3, 6}) {
            data.putFloat(value);
        }
        byte[] npy = handWritten(2, "{'descr': '>f4', 'fortran_order': True, 'shape': (2, 3), }",
                data.array());

        StoredTensor tensor = NpyFormat.decode(npy);

        assertArrayEquals(new long[] {2, 3}, tensor.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, tensor.toFloatArray());
    }

    @Test
    void decodeReadsPython2LongShape() {
        byte[] npy = handWritten(1, "{'descr': '<i8', 'fortran_order': False, 'shape': (2L,), }",
                new byte[16]);

        assertArrayEquals(new long[] {2}, NpyFormat.decode(npy).shape());
    }

    @Test
    void decodeRejectsTruncatedDataNamingLengths() {
        byte[] npy = NpyFormat.encode(StoredTensor.ofFloats(new float[] {1, 2, 3, 4}, 4));
        byte[] truncated = Arrays.copyOf(npy, npy.length - 4);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> NpyFormat.decode(truncated));

        assertTrue(error.getMessage().contains("12 bytes"), error.getMessage());
        assertTrue(error.getMessage().contains("16 bytes"), error.getMessage());
    }

    @Test
    void decodeRejectsMissingMagic() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> NpyFormat.decode(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));

        assertTrue(error.getMessage().contains("magic"), error.getMessage());
    }

    @Test
    void decodeRejectsUnsupportedDescr() {
        byte[] npy = handWritten(1, "{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }",
                new byte[8]);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> NpyFormat.decode(npy));

        assertTrue(error.getMessage().contains("<c8"), error.getMessage());
    }

    /** Builds an npy file of the given major version around a header dict, padded to 64. */
    private static byte[] handWritten(int major, String dict, byte[] data) {
        int lengthBytes = major == 1 ? 2 : 4;
        int prefix = 6 + 2 + lengthBytes;
        int padding = (64 - (prefix + dict.length() + 1) % 64) % 64;
        byte[] header = (dict + " ".repeat(padding) + "\n").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer out = ByteBuffer.allocate(prefix + header.length + data.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        out.put(NpyFormat.MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) {
            out.putShort((short) header.length);
        } else {
            out.putInt(header.length);
        }
        return out.put(header).put(data).array();
    }

    private static String header(byte[] npy) {
        int length = ByteBuffer.wrap(npy).order(ByteOrder.LITTLE_ENDIAN).getShort(8) & 0xffff;
        return new String(npy, PREAMBLE, length, StandardCharsets.US_ASCII);
    }
}

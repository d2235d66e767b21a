package org.lens4j.core.store.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lens4j.core.checkpoint.TensorDType;
import org.lens4j.core.store.StoredTensor;

class TorchFormatTest {

    /** Offset of the first local header's name-length field in a zip archive. */
    private static final int NAME_LENGTH_OFFSET = 26;

    @Test
    void pickleMatchesTorchSaveByteForByte() {
        StoredTensor tensor = StoredTensor.ofFloats(new float[] {0, 1, 2, 3, 4, 5}, 2, 3);
        Map<String, byte[]> torchRecords =
                ZipRecords.read(TorchSaveSamples.bytes(TorchSaveSamples.FLOAT32_2X3));

        assertArrayEquals(torchRecords.get("archive/data.pkl"), TorchFormat.pickle(tensor));
    }

    @Test
    void encodeWritesTheDocumentedRecordsInOrder() {
        StoredTensor tensor = StoredTensor.ofFloats(new float[] {0, 1, 2, 3, 4, 5}, 2, 3);

        Map<String, byte[]> records = ZipRecords.read(TorchFormat.encode(tensor));

        assertEquals(List.of("archive/data.pkl", "archive/byteorder", "archive/data/0",
                "archive/version"), new ArrayList<>(records.keySet()));
        assertEquals("little", ascii(records.get("archive/byteorder")));
        assertEquals("3\n", ascii(records.get("archive/version")));
        assertArrayEquals(tensor.toByteArray(), records.get("archive/data/0"));
    }

    @Test
    void encodeMatchesTorchSaveRecordContents() {
        StoredTensor tensor = StoredTensor.ofFloats(new float[] {0, 1, 2, 3, 4, 5}, 2, 3);
        Map<String, byte[]> ours = ZipRecords.read(TorchFormat.encode(tensor));
        Map<String, byte[]> torch =
                ZipRecords.read(TorchSaveSamples.bytes(TorchSaveSamples.FLOAT32_2X3));

        for (String name : torch.keySet()) {
            assertArrayEquals(torch.get(name), ours.get(name), name);
        }
    }

    @Test
    void encodeAlignsEveryRecordTo64Bytes() {
        byte[] archive = TorchFormat.encode(StoredTensor.ofFloats(new float[] {1, 2, 3}, 3));
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(archive)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);

        int position = 0;
        for (int record = 0; record < 4; record++) {
            int nameLength = in.getShort(position + NAME_LENGTH_OFFSET) & 0xffff;
            int extraLength = in.getShort(position + NAME_LENGTH_OFFSET + 2) & 0xffff;
            int dataStart = position + 30 + nameLength + extraLength;
            int size = in.getInt(position + 22);
            assertEquals(0, dataStart % ZipRecords.ALIGNMENT, "record " + record);
            assertEquals('F', archive[position + 30 + nameLength], "record " + record);
            assertEquals('B', archive[position + 31 + nameLength], "record " + record);
            position = dataStart + size;
        }
    }

    @Test
    void decodeReadsTorchSaveFloat32() {
        StoredTensor tensor =
                TorchFormat.decode(TorchSaveSamples.bytes(TorchSaveSamples.FLOAT32_2X3));

        assertEquals(TensorDType.F32, tensor.dtype());
        assertArrayEquals(new long[] {2, 3}, tensor.shape());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, tensor.toFloatArray());
    }

    @Test
    void decodeGathersStridedViewWithOffset() {
        StoredTensor tensor =
                TorchFormat.decode(TorchSaveSamples.bytes(TorchSaveSamples.FLOAT64_STRIDED_VIEW));

        assertEquals(TensorDType.F64, tensor.dtype());
        assertArrayEquals(new long[] {3, 2}, tensor.shape());
        assertArrayEquals(new double[] {1, 2, 5, 6, 9, 10}, tensor.toDoubleArray());
    }

    @Test
    void decodeWidensTorchSaveBfloat16() {
        StoredTensor tensor =
                TorchFormat.decode(TorchSaveSamples.bytes(TorchSaveSamples.BFLOAT16_1X4));

        assertEquals(TensorDType.BF16, tensor.dtype());
        assertArrayEquals(new long[] {1, 4}, tensor.shape());
        assertArrayEquals(new float[] {1.0f, -2.5f, 3.140625f, 0.0078125f},
                tensor.toFloatArray());
    }

    @Test
    void decodeReadsTorchSaveInt64() {
        StoredTensor tensor = TorchFormat.decode(TorchSaveSamples.bytes(TorchSaveSamples.INT64_3));

        assertEquals(TensorDType.I64, tensor.dtype());
        assertArrayEquals(new long[] {-3, 70000, 1L << 40}, tensor.toLongArray());
    }

    @ParameterizedTest
    @ValueSource(strings = {"F64", "F32", "F16", "BF16", "I64", "I32", "I16", "I8", "U8", "BOOL"})
    void roundTripKeepsEveryDtype(String dtypeName) {
        TensorDType dtype = TensorDType.valueOf(dtypeName);
        long seed = 20_250_601L + dtype.ordinal();
        StoredTensor tensor = randomTensor(dtype, new long[] {2, 3, 4}, seed);

        StoredTensor back = TorchFormat.decode(TorchFormat.encode(tensor));

        assertEquals(tensor, back, "seed " + seed);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 4, 5})
    void roundTripKeepsEveryRank(int rank) {
        long[] shape = new long[rank];
        java.util.Arrays.fill(shape, 2);
        StoredTensor tensor = randomTensor(TensorDType.F32, shape, 7L + rank);

        StoredTensor back = TorchFormat.decode(TorchFormat.encode(tensor));

        assertEquals(tensor, back);
    }

    @Test
    void roundTripKeepsLargeDimensions() {
        int width = 70_000;
        StoredTensor tensor = StoredTensor.ofFloats(new float[width], 1, width);

        StoredTensor back = TorchFormat.decode(TorchFormat.encode(tensor));

        assertArrayEquals(new long[] {1, width}, back.shape());
    }

    @Test
    void decodeSwapsBigEndianStorage() {
        StoredTensor tensor = StoredTensor.ofFloats(new float[] {1.5f, -2f}, 2);
        byte[] bigEndian = tensor.toByteArray();
        Elements.swapByteOrder(bigEndian, 4);
        Map<String, byte[]> records = new LinkedHashMap<>();
        records.put("other/data.pkl", TorchFormat.pickle(tensor));
        records.put("other/byteorder", "big".getBytes(StandardCharsets.US_ASCII));
        records.put("other/data/0", bigEndian);

        StoredTensor back = TorchFormat.decode(ZipRecords.write(records));

        assertArrayEquals(new float[] {1.5f, -2f}, back.toFloatArray());
    }

    @Test
    void decodeRejectsShortStorageNamingLengths() {
        StoredTensor tensor = StoredTensor.ofFloats(new float[] {1, 2, 3, 4}, 4);
        Map<String, byte[]> records = new LinkedHashMap<>();
        records.put("archive/data.pkl", TorchFormat.pickle(tensor));
        records.put("archive/data/0", new byte[12]);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> TorchFormat.decode(ZipRecords.write(records)));

        assertTrue(error.getMessage().contains("12 bytes"), error.getMessage());
        assertTrue(error.getMessage().contains("16 bytes"), error.getMessage());
    }

    @Test
    void decodeRejectsArchiveWithoutPickle() {
        Map<String, byte[]> records = new LinkedHashMap<>();
        records.put("archive/data/0", new byte[4]);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> TorchFormat.decode(ZipRecords.write(records)));

        assertTrue(error.getMessage().contains("data.pkl"), error.getMessage());
    }

    @Test
    void decodeRejectsPickleOfNonTensor() {
        byte[] pickle = new PickleWriter().protocol2().string("hello").stop();
        Map<String, byte[]> records = new LinkedHashMap<>();
        records.put("archive/data.pkl", pickle);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> TorchFormat.decode(ZipRecords.write(records)));

        assertTrue(error.getMessage().contains("_rebuild_tensor_v2"), error.getMessage());
    }

    /** Returns a tensor of {@code dtype} filled with seeded random bytes that are valid values. */
    static StoredTensor randomTensor(TensorDType dtype, long[] shape, long seed) {
        Random random = new Random(seed);
        byte[] data = new byte[Math.toIntExact(Shapes.numel(shape) * dtype.byteSize())];
        random.nextBytes(data);
        if (dtype == TensorDType.BOOL) {
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (data[i] & 1);
            }
        }
        return StoredTensor.of(dtype, shape, data);
    }

    private static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}

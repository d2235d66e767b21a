package org.lens4j.core.store.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lens4j.core.store.internal.PickleReader.Call;
import org.lens4j.core.store.internal.PickleReader.Global;
import org.lens4j.core.store.internal.PickleReader.PersistentId;

class PickleReaderTest {

    /**
     * {@code pickle.dumps((1, 'a', [2.5, None], {'k': True}, -70000, 2**40, b'xy'), protocol=4)}
     * from CPython 3.13: FRAME, SHORT_BINUNICODE, MEMOIZE, APPENDS, SETITEM, LONG1, SHORT_BINBYTES.
     */
    private static final String PROTOCOL_4 = "8004953200000000000000284b018c0161945d94284740040000"
            + "000000004e657d948c016b9488734a90eefeff8a06000000000001430278799474942e";

    @Test
    void readRebuildsTorchTensorCall() {
        byte[] pickle = ZipRecords.read(TorchSaveSamples.bytes(TorchSaveSamples.FLOAT32_2X3))
                .get("archive/data.pkl");

        Call call = (Call) PickleReader.read(pickle);

        assertEquals(new Global("torch._utils", "_rebuild_tensor_v2"), call.callable());
        assertEquals(6, call.arguments().size());
        PersistentId storage = (PersistentId) call.arguments().get(0);
        assertEquals(List.of("storage", new Global("torch", "FloatStorage"), "0", "cpu", 6L),
                storage.id());
        assertEquals(0L, call.arguments().get(1));
        assertEquals(List.of(2L, 3L), call.arguments().get(2));
        assertEquals(List.of(3L, 1L), call.arguments().get(3));
        assertEquals(Boolean.FALSE, call.arguments().get(4));
        assertEquals(new Global("collections", "OrderedDict"),
                ((Call) call.arguments().get(5)).callable());
    }

    @Test
    void readHandlesProtocol4Opcodes() {
        List<?> tuple = (List<?>) PickleReader.read(HexFormat.of().parseHex(PROTOCOL_4));

        assertEquals(7, tuple.size());
        assertEquals(1L, tuple.get(0));
        assertEquals("a", tuple.get(1));
        assertEquals(Arrays.asList(2.5, null), tuple.get(2));
        assertEquals(Map.of("k", true), tuple.get(3));
        assertEquals(-70000L, tuple.get(4));
        assertEquals(1L << 40, tuple.get(5));
        assertArrayEquals(new byte[] {'x', 'y'}, (byte[]) tuple.get(6));
    }

    @Test
    void readReturnsMemoizedObjectForBinget() {
        // PROTO 2, EMPTY_LIST, BINPUT 0, BINGET 0, TUPLE2, STOP
        byte[] pickle = {(byte) 0x80, 2, ']', 'q', 0, 'h', 0, (byte) 0x86, '.'};

        List<?> pair = (List<?>) PickleReader.read(pickle);

        assertTrue(pair.get(0) == pair.get(1));
    }

    @Test
    void readReadsLongIntegersFromWriter() {
        long[] values = {0, 255, 256, 65535, 65536, -1, Integer.MIN_VALUE, Integer.MAX_VALUE,
            1L << 31, -(1L << 40), Long.MAX_VALUE, Long.MIN_VALUE};
        byte[] pickle = new PickleWriter().protocol2().mark().integerTuple(values)
                .tupleFromMark().stop();

        List<?> outer = (List<?>) PickleReader.read(pickle);

        List<?> inner = (List<?>) outer.get(0);
        for (int i = 0; i < values.length; i++) {
            assertEquals(values[i], inner.get(i), "value " + values[i]);
        }
    }

    @Test
    void readRejectsUnknownOpcodeNamingOffset() {
        byte[] pickle = {(byte) 0x80, 2, 'I', '1', '\n', '.'};

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> PickleReader.read(pickle));

        assertTrue(error.getMessage().contains("0x49"), error.getMessage());
        assertTrue(error.getMessage().contains("offset 2"), error.getMessage());
    }

    @Test
    void readRejectsTruncatedPickle() {
        byte[] pickle = {(byte) 0x80, 2, 'X', 10, 0, 0, 0, 'a'};

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> PickleReader.read(pickle));

        assertTrue(error.getMessage().contains("runs past the end"), error.getMessage());
    }

    @Test
    void readRejectsMissingStop() {
        byte[] pickle = {(byte) 0x80, 2, 'N'};

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> PickleReader.read(pickle));

        assertInstanceOf(java.nio.BufferUnderflowException.class, error.getCause());
    }
}

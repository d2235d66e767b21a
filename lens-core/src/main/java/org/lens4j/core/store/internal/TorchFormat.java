package org.lens4j.core.store.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lens4j.core.checkpoint.TensorDType;
import org.lens4j.core.store.StoredTensor;
import org.lens4j.core.store.internal.PickleReader.Call;
import org.lens4j.core.store.internal.PickleReader.Global;
import org.lens4j.core.store.internal.PickleReader.PersistentId;

/**
 * Encoder and decoder for the zip layout {@code torch.save} writes for a single tensor.
 *
 * <p>Records written, in this order, each stored uncompressed with its data 64-byte aligned:
 * <ul>
 *   <li>{@code archive/data.pkl}: a pickle, protocol 2, of
 *       {@code torch._utils._rebuild_tensor_v2(storage, 0, size, stride, False, OrderedDict())}
 *       where {@code storage} is the persistent id
 *       {@code ('storage', torch.<Type>Storage, '0', 'cpu', numel)} pushed by {@code BINPERSID};
 *   <li>{@code archive/byteorder}: {@code little};
 *   <li>{@code archive/data/0}: the storage, raw little-endian elements in C order;
 *   <li>{@code archive/version}: {@code 3} and a newline.
 * </ul>
 * The pickle opcodes, memo numbering and the first, third and fourth records match byte for byte
 * what {@code torch.save} 1.13 writes to an in-memory buffer for a contiguous CPU tensor;
 * {@code byteorder} is the record PyTorch 2.1 and later add.
 *
 * <p>The decoder accepts any archive prefix, a missing {@code byteorder} (read as little-endian)
 * or {@code big}, deflated records, storage offsets, non-contiguous strides and the storage types
 * for float64, float32, float16, bfloat16, int64, int32, int16, int8, uint8 and bool.
 *
 * @implNote Checked against PyTorch 1.13 (Debian's python3-torch) in both directions by
 *     {@code PythonInteropTest} when that Python module is installed. The tests that always run
 *     check the documented structure and decode four archives PyTorch 1.13 wrote. No PyTorch
 *     2.x output has been read, so its extra records ({@code .data/serialization_id},
 *     {@code .format_version}) are only assumed to be harmless, and are ignored.
 */
public final class TorchFormat {

    /** Archive folder name torch uses when saving to an in-memory buffer. */
    static final String ARCHIVE = "archive";

    /** The zip format version torch writes for tensors. */
    static final String VERSION = "3\n";

    private static final Global REBUILD_TENSOR = new Global("torch._utils", "_rebuild_tensor_v2");

    private TorchFormat() {
    }

    /** Returns whether {@code blob} starts like a zip archive. */
    public static boolean isTorch(byte[] blob) {
        return ZipRecords.isZip(blob);
    }

    /** Encodes a tensor in the {@code torch.save} zip layout. */
    public static byte[] encode(StoredTensor tensor) {
        Map<String, byte[]> records = new LinkedHashMap<>();
        records.put(ARCHIVE + "/data.pkl", pickle(tensor));
        records.put(ARCHIVE + "/byteorder", "little".getBytes(StandardCharsets.US_ASCII));
        records.put(ARCHIVE + "/data/0", tensor.toByteArray());
        records.put(ARCHIVE + "/version", VERSION.getBytes(StandardCharsets.US_ASCII));
        return ZipRecords.write(records);
    }

    /** Returns the {@code data.pkl} pickle for a contiguous tensor with storage key "0". */
    static byte[] pickle(StoredTensor tensor) {
        long[] shape = tensor.shape();
        PickleWriter pickle = new PickleWriter().protocol2();
        pickle.global(REBUILD_TENSOR.module(), REBUILD_TENSOR.name());
        pickle.mark();

        pickle.mark();
        pickle.string("storage");
        pickle.global("torch", DTypes.torchStorage(tensor.dtype()));
        pickle.string("0");
        pickle.string("cpu");
        pickle.integer(tensor.numel());
        pickle.tupleFromMark();
        pickle.persistentId();

        pickle.integer(0);
        pickle.integerTuple(shape);
        pickle.integerTuple(Shapes.contiguousStrides(shape));
        pickle.bool(false);
        pickle.global("collections", "OrderedDict");
        pickle.emptyTuple();
        pickle.reduce();

        pickle.tupleFromMark();
        pickle.reduce();
        return pickle.stop();
    }

    /**
     * Decodes a {@code torch.save} archive holding one tensor.
     *
     * @throws IllegalArgumentException if the archive or pickle is malformed, contains something
     *     other than one tensor, uses an unsupported storage type, or the storage length does not
     *     match its element count
     */
    public static StoredTensor decode(byte[] blob) {
        Map<String, byte[]> records = ZipRecords.read(blob);
        String prefix = archivePrefix(records);
        Object root = PickleReader.read(records.get(prefix + "data.pkl"));
        Call rebuild = tensorCall(root);
        List<Object> arguments = rebuild.arguments();
        if (arguments.size() < 4) {
            throw new IllegalArgumentException("torch pickle calls " + REBUILD_TENSOR + " with "
                    + arguments.size() + " arguments; expected at least 4");
        }

        StorageRef storage = StorageRef.of(arguments.get(0));
        long offset = asLong(arguments.get(1), "storage_offset");
        long[] shape = asLongs(arguments.get(2), "size");
        long[] strides = asLongs(arguments.get(3), "stride");
        if (shape.length != strides.length) {
            throw new IllegalArgumentException("torch tensor has size " + Arrays.toString(shape)
                    + " but stride " + Arrays.toString(strides));
        }

        byte[] storageBytes = records.get(prefix + "data/" + storage.key());
        if (storageBytes == null) {
            throw new IllegalArgumentException("torch archive has no record " + prefix + "data/"
                    + storage.key() + " for the tensor's storage; records: " + records.keySet());
        }
        int elementBytes = storage.dtype().byteSize();
        long expected = storage.numel() * elementBytes;
        if (storageBytes.length != expected) {
            throw new IllegalArgumentException("torch storage has " + storageBytes.length
                    + " bytes but " + storage.numel() + " elements of "
                    + DTypes.name(storage.dtype()) + " need " + expected + " bytes");
        }
        if (isBigEndian(records, prefix) && elementBytes > 1) {
            storageBytes = storageBytes.clone();
            Elements.swapByteOrder(storageBytes, elementBytes);
        }
        byte[] data = Elements.gather(storageBytes, elementBytes, offset, shape, strides);
        return StoredTensor.of(storage.dtype(), shape, data);
    }

    private static String archivePrefix(Map<String, byte[]> records) {
        for (String name : records.keySet()) {
            if (name.endsWith("/data.pkl") && name.indexOf('/') == name.length() - 9) {
                return name.substring(0, name.length() - 8);
            }
        }
        throw new IllegalArgumentException("Zip archive has no <folder>/data.pkl record, so it is"
                + " not a torch.save file; records: " + records.keySet());
    }

    private static boolean isBigEndian(Map<String, byte[]> records, String prefix) {
        byte[] order = records.get(prefix + "byteorder");
        if (order == null) {
            return false;
        }
        String text = new String(order, StandardCharsets.US_ASCII).trim();
        if (!"little".equals(text) && !"big".equals(text)) {
            throw new IllegalArgumentException("torch archive has byteorder '" + text
                    + "'; expected 'little' or 'big'");
        }
        return "big".equals(text);
    }

    private static Call tensorCall(Object root) {
        if (!(root instanceof Call) || !REBUILD_TENSOR.equals(((Call) root).callable())) {
            String found = root instanceof Call ? "a call of " + ((Call) root).callable()
                    : PickleReader.typeName(root);
            throw new IllegalArgumentException("torch pickle contains " + found
                    + "; expected one tensor rebuilt by " + REBUILD_TENSOR);
        }
        return (Call) root;
    }

    static long asLong(Object value, String what) {
        if (!(value instanceof Long)) {
            throw new IllegalArgumentException("torch tensor " + what + " is "
                    + PickleReader.typeName(value) + "; expected an integer");
        }
        return (Long) value;
    }

    private static long[] asLongs(Object value, String what) {
        if (!(value instanceof List)) {
            throw new IllegalArgumentException("torch tensor " + what + " is "
                    + PickleReader.typeName(value) + "; expected a tuple of integers");
        }
        List<?> items = (List<?>) value;
        long[] values = new long[items.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = asLong(items.get(i), what + "[" + i + "]");
        }
        return values;
    }

    /** The storage a tensor views: {@code ('storage', storage_type, key, location, numel)}. */
    private record StorageRef(TensorDType dtype, String key, long numel) {

        static StorageRef of(Object argument) {
            if (!(argument instanceof PersistentId)
                    || !(((PersistentId) argument).id() instanceof List)) {
                throw new IllegalArgumentException("torch tensor storage is "
                        + PickleReader.typeName(argument) + "; expected a persistent id tuple");
            }
            List<?> id = (List<?>) ((PersistentId) argument).id();
            if (id.size() != 5 || !"storage".equals(id.get(0))
                    || !(id.get(1) instanceof Global) || !(id.get(2) instanceof String)) {
                throw new IllegalArgumentException("torch storage id " + id
                        + " is not ('storage', storage_type, key, location, numel)");
            }
            Global type = (Global) id.get(1);
            TensorDType dtype = "torch".equals(type.module())
                    ? DTypes.fromTorchStorage(type.name()) : null;
            if (dtype == null) {
                throw new IllegalArgumentException("Unsupported torch storage type " + type
                        + "; supported: DoubleStorage, FloatStorage, HalfStorage,"
                        + " BFloat16Storage, LongStorage, IntStorage, ShortStorage, CharStorage,"
                        + " ByteStorage, BoolStorage");
            }
            return new StorageRef(dtype, (String) id.get(2), asLong(id.get(4), "storage numel"));
        }
    }
}

package org.lens4j.core.store.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lens4j.core.checkpoint.TensorDType;
import org.lens4j.core.store.StoredTensor;

/**
 * Encoder and decoder for the NumPy {@code .npy} format.
 *
 * <p>Layout, from the NumPy format specification ({@code numpy.lib.format}): the magic bytes
 * {@code \x93NUMPY}, a major and a minor version byte, the header length (uint16 little-endian
 * for version 1.0, uint32 for 2.0 and 3.0), then an ASCII (3.0: UTF-8) Python dict literal with the
 * keys {@code descr}, {@code fortran_order} and {@code shape}, padded with spaces and ended by a
 * newline so that the data starts at a multiple of 64 bytes. The elements follow, in C order unless
 * {@code fortran_order} is true.
 *
 * <p>The encoder writes version 1.0, little-endian, C order. The decoder reads versions 1.0, 2.0
 * and 3.0, little- or big-endian and either order, and returns C-order little-endian data.
 */
public final class NpyFormat {

    /** The six magic bytes every {@code .npy} file starts with. */
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    /** Alignment of the data start required by the specification. */
    static final int ALIGNMENT = 64;

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyFormat() {
    }

    /** Returns whether {@code blob} starts with the {@code .npy} magic bytes. */
    public static boolean isNpy(byte[] blob) {
        return blob.length >= MAGIC.length
                && Arrays.equals(Arrays.copyOf(blob, MAGIC.length), MAGIC);
    }

    /**
     * Encodes a tensor as {@code .npy} version 1.0 bytes.
     *
     * @throws IllegalArgumentException for BF16, which NumPy has no dtype for
     */
    public static byte[] encode(StoredTensor tensor) {
        String code = DTypes.numpyCode(tensor.dtype());
        if (code == null) {
            throw new IllegalArgumentException("The npy codec cannot store dtype "
                    + DTypes.name(tensor.dtype()) + " because NumPy has no such type;"
                    + " use the torch codec or widen the tensor to float32");
        }
        String byteOrder = tensor.dtype().byteSize() == 1 ? "|" : "<";
        String dict = "{'descr': '" + byteOrder + code + "', 'fortran_order': False, 'shape': "
                + pythonTuple(tensor.shape()) + ", }";
        byte[] header = paddedHeader(dict);

        int dataLength = tensor.byteLength();
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 4 + header.length + dataLength)
                .order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length);
        out.put(header).put(tensor.toByteArray());
        return out.array();
    }

    /**
     * Decodes {@code .npy} bytes.
     *
     * @throws IllegalArgumentException if the bytes are not a valid {@code .npy} file, the dtype
     *     is unsupported, or the data length does not match the header's shape and dtype
     */
    public static StoredTensor decode(byte[] blob) {
        if (!isNpy(blob) || blob.length < 10) {
            throw new IllegalArgumentException("Blob is not in npy format: it does not start with"
                    + " the magic bytes \\x93NUMPY");
        }
        ByteBuffer in = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
        int major = blob[6] & 0xff;
        int headerStart;
        long headerLength;
        if (major == 1) {
            headerLength = in.getShort(8) & 0xffff;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (blob.length < 12) {
                throw new IllegalArgumentException("Npy blob of " + blob.length
                        + " bytes is too short for a version " + major + " header");
            }
            headerLength = in.getInt(8) & 0xffffffffL;
            headerStart = 12;
        } else {
            throw new IllegalArgumentException("Unsupported npy format version " + major + "."
                    + (blob[7] & 0xff) + "; expected 1.0, 2.0 or 3.0");
        }
        if (headerStart + headerLength > blob.length) {
            throw new IllegalArgumentException("Npy header length " + headerLength
                    + " runs past the end of the " + blob.length + "-byte blob");
        }
        String header = new String(blob, headerStart, (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        int dataStart = headerStart + (int) headerLength;
        return decodeData(header, blob, dataStart);
    }

    private static StoredTensor decodeData(String header, byte[] blob, int dataStart) {
        String descr = group(DESCR, header, "descr");
        boolean fortranOrder = "True".equals(group(FORTRAN, header, "fortran_order"));
        long[] shape = parseTuple(group(SHAPE, header, "shape"), header);

        TensorDType dtype = parseDescr(descr);
        long needed = Shapes.numel(shape) * dtype.byteSize();
        long actual = blob.length - (long) dataStart;
        if (needed != actual) {
            throw new IllegalArgumentException("Npy data has " + actual + " bytes but shape "
                    + Arrays.toString(shape) + " of " + DTypes.name(dtype) + " needs " + needed
                    + " bytes");
        }

        byte[] data = Arrays.copyOfRange(blob, dataStart, blob.length);
        if (descr.charAt(0) == '>' && dtype.byteSize() > 1) {
            Elements.swapByteOrder(data, dtype.byteSize());
        }
        if (fortranOrder && shape.length > 1) {
            data = Elements.fortranToC(data, shape, dtype.byteSize());
        }
        return StoredTensor.of(dtype, shape, data);
    }

    private static TensorDType parseDescr(String descr) {
        if (descr.length() < 2 || "<>|=".indexOf(descr.charAt(0)) < 0) {
            throw new IllegalArgumentException("Unsupported npy descr '" + descr
                    + "'; expected a byte-order mark followed by a type code, such as '<f4'");
        }
        if (descr.charAt(0) == '=' && ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new IllegalArgumentException("Unsupported npy descr '" + descr
                    + "' on a big-endian platform");
        }
        TensorDType dtype = DTypes.fromNumpyCode(descr.substring(1));
        if (dtype == null) {
            throw new IllegalArgumentException("Unsupported npy descr '" + descr
                    + "'; supported types are f8, f4, f2, i8, i4, i2, i1, u1 and b1");
        }
        return dtype;
    }

    private static String group(Pattern pattern, String header, String key) {
        Matcher matcher = pattern.matcher(header);
        if (!matcher.find()) {
            throw new IllegalArgumentException("Npy header has no valid '" + key + "' entry: "
                    + header.trim());
        }
        return matcher.group(1);
    }

    private static long[] parseTuple(String body, String header) {
        String[] parts = body.split(",");
        long[] values = new long[parts.length];
        int count = 0;
        for (String part : parts) {
            String value = part.trim();
            if (value.endsWith("L")) {
                value = value.substring(0, value.length() - 1);
            }
            if (value.isEmpty()) {
                continue;
            }
            try {
                values[count++] = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Npy header has an invalid shape: "
                        + header.trim(), e);
            }
        }
        return Shapes.checked(Arrays.copyOf(values, count));
    }

    /** Formats a shape as a Python tuple literal: {@code ()}, {@code (3,)}, {@code (2, 3)}. */
    static String pythonTuple(long[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            text.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return text.append(')').toString();
    }

    /** Pads the dict with spaces and a final newline so the data starts at a multiple of 64. */
    private static byte[] paddedHeader(String dict) {
        int prefix = MAGIC.length + 2 + 2;
        int unpadded = prefix + dict.length() + 1;
        int padding = (ALIGNMENT - unpadded % ALIGNMENT) % ALIGNMENT;
        String header = dict + " ".repeat(padding) + "\n";
        if (header.length() > 0xffff) {
            throw new IllegalArgumentException("Npy header of " + header.length()
                    + " bytes does not fit format version 1.0");
        }
        return header.getBytes(StandardCharsets.US_ASCII);
    }
}

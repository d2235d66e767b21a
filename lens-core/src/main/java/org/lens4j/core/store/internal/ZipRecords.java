package org.lens4j.core.store.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads and writes the zip container of {@code torch.save} files in memory.
 *
 * <p>The writer stores every record uncompressed with its sizes and CRC-32 in the local header,
 * and pads the local header's extra field (id {@code "FB"}, filled with {@code 'Z'}) so each
 * record's data starts at a multiple of 64 bytes, as PyTorch's own writer does. The reader uses
 * the central directory, so it accepts records written with data descriptors (PyTorch writes
 * those, with zero sizes in the local headers) as well as deflated records.
 *
 * @implNote ZIP64 archives, multi-disk archives and encrypted records are rejected.
 */
final class ZipRecords {

    /** Alignment of record data written here, matching PyTorch's writer. */
    static final int ALIGNMENT = 64;

    private static final int LOCAL_HEADER = 0x04034b50;
    private static final int CENTRAL_HEADER = 0x02014b50;
    private static final int END_OF_CENTRAL_DIRECTORY = 0x06054b50;
    private static final int LOCAL_HEADER_SIZE = 30;
    private static final int CENTRAL_HEADER_SIZE = 46;
    private static final int END_RECORD_SIZE = 22;
    private static final int VERSION_NEEDED = 20;

    private ZipRecords() {
    }

    /** Returns whether {@code blob} starts with a zip local file header. */
    static boolean isZip(byte[] blob) {
        return blob.length >= 4
                && ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).getInt(0) == LOCAL_HEADER;
    }

    /** Writes the records, in iteration order, as an uncompressed zip archive. */
    static byte[] write(Map<String, byte[]> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream central = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> record : records.entrySet()) {
            byte[] name = record.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] data = record.getValue();
            int crc = crc32(data);
            int offset = out.size();
            byte[] extra = alignmentPadding(offset + LOCAL_HEADER_SIZE + name.length);

            ByteBuffer local = header(LOCAL_HEADER_SIZE);
            local.putInt(LOCAL_HEADER).putShort((short) VERSION_NEEDED).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putShort((short) 0)
                    .putInt(crc).putInt(data.length).putInt(data.length)
                    .putShort((short) name.length).putShort((short) extra.length);
            out.write(local.array(), 0, LOCAL_HEADER_SIZE);
            out.write(name, 0, name.length);
            out.write(extra, 0, extra.length);
            out.write(data, 0, data.length);

            ByteBuffer entry = header(CENTRAL_HEADER_SIZE);
            entry.putInt(CENTRAL_HEADER).putShort((short) VERSION_NEEDED)
                    .putShort((short) VERSION_NEEDED).putShort((short) 0).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putInt(crc).putInt(data.length)
                    .putInt(data.length).putShort((short) name.length).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0)
                    .putInt(offset);
            central.write(entry.array(), 0, CENTRAL_HEADER_SIZE);
            central.write(name, 0, name.length);
        }
        int centralOffset = out.size();
        out.write(central.toByteArray(), 0, central.size());

        ByteBuffer end = header(END_RECORD_SIZE);
        end.putInt(END_OF_CENTRAL_DIRECTORY).putShort((short) 0).putShort((short) 0)
                .putShort((short) records.size()).putShort((short) records.size())
                .putInt(central.size()).putInt(centralOffset).putShort((short) 0);
        out.write(end.array(), 0, END_RECORD_SIZE);
        return out.toByteArray();
    }

    /**
     * Reads every record of a zip archive, keyed by name in central-directory order.
     *
     * @throws IllegalArgumentException if the archive is malformed, uses an unsupported feature,
     *     or a record fails its CRC-32 check
     */
    static Map<String, byte[]> read(byte[] archive) {
        ByteBuffer in = ByteBuffer.wrap(archive).order(ByteOrder.LITTLE_ENDIAN);
        int end = findEndRecord(archive, in);
        int count = in.getShort(end + 10) & 0xffff;
        long centralOffset = in.getInt(end + 16) & 0xffffffffL;
        if (count == 0xffff || centralOffset == 0xffffffffL) {
            throw new IllegalArgumentException("ZIP64 archives are not supported");
        }

        Map<String, byte[]> records = new LinkedHashMap<>();
        int position = (int) centralOffset;
        for (int i = 0; i < count; i++) {
            checkRange(archive, position, CENTRAL_HEADER_SIZE, "central directory entry " + i);
            if (in.getInt(position) != CENTRAL_HEADER) {
                throw new IllegalArgumentException("Zip central directory entry " + i
                        + " at offset " + position + " has an invalid signature");
            }
            int nameLength = in.getShort(position + 28) & 0xffff;
            int extraLength = in.getShort(position + 30) & 0xffff;
            int commentLength = in.getShort(position + 32) & 0xffff;
            checkRange(archive, position + CENTRAL_HEADER_SIZE, nameLength, "entry name");
            String name = new String(archive, position + CENTRAL_HEADER_SIZE, nameLength,
                    StandardCharsets.UTF_8);
            records.put(name, readRecord(archive, in, position, name));
            position += CENTRAL_HEADER_SIZE + nameLength + extraLength + commentLength;
        }
        return records;
    }

    private static byte[] readRecord(byte[] archive, ByteBuffer in, int entry, String name) {
        int flags = in.getShort(entry + 8) & 0xffff;
        int method = in.getShort(entry + 10) & 0xffff;
        int crc = in.getInt(entry + 16);
        long compressedSize = in.getInt(entry + 20) & 0xffffffffL;
        long size = in.getInt(entry + 24) & 0xffffffffL;
        long localOffset = in.getInt(entry + 42) & 0xffffffffL;
        if ((flags & 1) != 0) {
            throw new IllegalArgumentException("Zip record '" + name + "' is encrypted");
        }
        if (compressedSize == 0xffffffffL || size == 0xffffffffL || localOffset == 0xffffffffL) {
            throw new IllegalArgumentException("Zip record '" + name + "' needs ZIP64, which is"
                    + " not supported");
        }

        checkRange(archive, (int) localOffset, LOCAL_HEADER_SIZE, "local header of " + name);
        if (in.getInt((int) localOffset) != LOCAL_HEADER) {
            throw new IllegalArgumentException("Zip record '" + name + "' has no local header at"
                    + " offset " + localOffset);
        }
        int localName = in.getShort((int) localOffset + 26) & 0xffff;
        int localExtra = in.getShort((int) localOffset + 28) & 0xffff;
        int dataStart = (int) localOffset + LOCAL_HEADER_SIZE + localName + localExtra;
        checkRange(archive, dataStart, compressedSize, "data of " + name);

        byte[] data;
        if (method == 0) {
            data = Arrays.copyOfRange(archive, dataStart, dataStart + (int) compressedSize);
        } else if (method == 8) {
            data = inflate(archive, dataStart, (int) compressedSize, (int) size, name);
        } else {
            throw new IllegalArgumentException("Zip record '" + name + "' uses compression method "
                    + method + "; only stored (0) and deflated (8) are supported");
        }
        if (data.length != size || crc32(data) != crc) {
            throw new IllegalArgumentException("Zip record '" + name + "' is corrupt: "
                    + data.length + " bytes (expected " + size + ") or CRC-32 mismatch");
        }
        return data;
    }

    private static byte[] inflate(byte[] archive, int start, int length, int size, String name) {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(archive, start, length);
            byte[] data = new byte[size];
            int produced = 0;
            while (produced < size && !inflater.finished()) {
                int count = inflater.inflate(data, produced, size - produced);
                if (count == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                produced += count;
            }
            return produced == size ? data : Arrays.copyOf(data, produced);
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("Zip record '" + name + "' has invalid deflate"
                    + " data", e);
        } finally {
            inflater.end();
        }
    }

    private static int findEndRecord(byte[] archive, ByteBuffer in) {
        int lowest = Math.max(0, archive.length - END_RECORD_SIZE - 0xffff);
        for (int position = archive.length - END_RECORD_SIZE; position >= lowest; position--) {
            if (in.getInt(position) == END_OF_CENTRAL_DIRECTORY) {
                return position;
            }
        }
        throw new IllegalArgumentException("Blob of " + archive.length + " bytes is not a zip"
                + " archive: no end of central directory record found");
    }

    private static void checkRange(byte[] archive, long start, long length, String what) {
        if (start < 0 || start + length > archive.length) {
            throw new IllegalArgumentException("Zip " + what + " (offset " + start + ", "
                    + length + " bytes) runs past the end of the " + archive.length
                    + "-byte archive");
        }
    }

    /** Returns the {@code "FB"} extra field that moves the data start to the next multiple of 64. */
    private static byte[] alignmentPadding(int nameEnd) {
        int start = nameEnd + 4;
        int padding = (ALIGNMENT - start % ALIGNMENT) % ALIGNMENT;
        byte[] extra = new byte[4 + padding];
        extra[0] = 'F';
        extra[1] = 'B';
        extra[2] = (byte) padding;
        extra[3] = (byte) (padding >>> 8);
        Arrays.fill(extra, 4, extra.length, (byte) 'Z');
        return extra;
    }

    private static ByteBuffer header(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static int crc32(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data, 0, data.length);
        return (int) crc.getValue();
    }
}

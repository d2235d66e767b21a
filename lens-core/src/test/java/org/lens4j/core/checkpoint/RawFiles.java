package org.lens4j.core.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds safetensors files byte by byte, including invalid ones, for tests. */
final class RawFiles {

    private RawFiles() {
    }

    /** Writes the 8-byte length of {@code header}, the header as UTF-8, then {@code data}. */
    static Path write(Path file, String header, byte[] data) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        return writeWithLength(file, json.length, json, data);
    }

    /** Writes {@code header} padded with spaces to exactly {@code headerBytes} bytes, then {@code data}. */
    static Path writePadded(Path file, String header, int headerBytes, byte[] data) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        if (json.length > headerBytes) {
            throw new IllegalArgumentException("header of " + json.length + " bytes exceeds " + headerBytes);
        }
        byte[] padded = new byte[headerBytes];
        System.arraycopy(json, 0, padded, 0, json.length);
        for (int i = json.length; i < headerBytes; i++) {
            padded[i] = ' ';
        }
        return writeWithLength(file, headerBytes, padded, data);
    }

    /** Writes an arbitrary length prefix followed by {@code header} and {@code data}. */
    static Path writeWithLength(Path file, long declaredLength, byte[] header, byte[] data) throws IOException {
        ByteBuffer out = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(declaredLength).put(header).put(data);
        Files.write(file, out.array());
        return file;
    }

    /** Returns the JSON entry of one tensor. */
    static String entry(String name, String dtype, String shape, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape
                + ",\"data_offsets\":[" + begin + "," + end + "]}";
    }

    /** Returns bytes from unsigned values written as ints, for readable literals. */
    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}

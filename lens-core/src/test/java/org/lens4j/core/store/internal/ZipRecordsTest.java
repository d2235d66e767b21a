package org.lens4j.core.store.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipRecordsTest {

    @Test
    void javaZipFileReadsWrittenArchive(@TempDir Path folder) throws IOException {
        Map<String, byte[]> records = sampleRecords();
        Path file = folder.resolve("records.zip");
        Files.write(file, ZipRecords.write(records));

        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                names.add(entry.getName());
                assertArrayEquals(records.get(entry.getName()),
                        zip.getInputStream(entry).readAllBytes(), entry.getName());
            }
        }

        assertEquals(new ArrayList<>(records.keySet()), names);
    }

    @Test
    void readReturnsWrittenRecordsInOrder() {
        Map<String, byte[]> records = sampleRecords();

        Map<String, byte[]> back = ZipRecords.read(ZipRecords.write(records));

        assertEquals(new ArrayList<>(records.keySet()), new ArrayList<>(back.keySet()));
        for (String name : records.keySet()) {
            assertArrayEquals(records.get(name), back.get(name), name);
        }
    }

    @Test
    void readInflatesDeflatedRecords() throws IOException {
        byte[] text = "feature ".repeat(100).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(archive)) {
            zip.putNextEntry(new ZipEntry("archive/notes"));
            zip.write(text);
            zip.closeEntry();
        }

        Map<String, byte[]> records = ZipRecords.read(archive.toByteArray());

        assertArrayEquals(text, records.get("archive/notes"));
    }

    @Test
    void readRejectsCorruptedRecord() {
        byte[] archive = ZipRecords.write(sampleRecords());
        int dataOffset = 64;
        archive[dataOffset] ^= 0x55;

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ZipRecords.read(archive));

        assertTrue(error.getMessage().contains("CRC-32"), error.getMessage());
    }

    @Test
    void readRejectsBytesWithoutEndRecord() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ZipRecords.read(new byte[40]));

        assertTrue(error.getMessage().contains("not a zip archive"), error.getMessage());
    }

    private static Map<String, byte[]> sampleRecords() {
        Map<String, byte[]> records = new LinkedHashMap<>();
        records.put("archive/data.pkl", new byte[] {1, 2, 3, 4, 5});
        records.put("archive/data/0", new byte[100]);
        records.put("archive/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        return records;
    }
}

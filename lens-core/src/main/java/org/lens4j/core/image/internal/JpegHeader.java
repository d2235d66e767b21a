package org.lens4j.core.image.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two facts about a JPEG file that decoding needs before {@code ImageIO} runs: the number of
 * colour components in the frame header (4 means CMYK or YCCK) and the EXIF orientation tag
 * (0x0112 in IFD0 of the APP1 {@code Exif} segment).
 *
 * <p>The parser walks the marker segments up to the first start-of-scan. A malformed EXIF block
 * is ignored (orientation 1) and logged at DEBUG, because the pixels are still readable.
 *
 * @param components colour components of the first frame header, 0 when none was found
 * @param orientation EXIF orientation 1–8, 1 when absent or invalid
 */
public record JpegHeader(int components, int orientation) {

    private static final Logger LOG = LoggerFactory.getLogger(JpegHeader.class);

    private static final int ORIENTATION_TAG = 0x0112;
    private static final int TYPE_SHORT = 3;

    /** Returns whether the bytes start with a JPEG start-of-image marker. */
    public static boolean isJpeg(byte[] data) {
        return data.length >= 3 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xD8 && (data[2] & 0xFF) == 0xFF;
    }

    /** Parses the marker segments of a JPEG file. */
    public static JpegHeader parse(byte[] data) {
        int components = 0;
        int orientation = 1;
        boolean exifSeen = false;
        int pos = 2;
        while (pos + 4 <= data.length) {
            if ((data[pos] & 0xFF) != 0xFF) {
                break;
            }
            int marker = data[pos + 1] & 0xFF;
            if (marker == 0xFF) {
                pos++;
                continue;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) {
                pos += 2;
                continue;
            }
            if (marker == 0xD9 || marker == 0xDA) {
                break;
            }
            int length = readUnsigned16(data, pos + 2, false);
            int payload = pos + 4;
            int end = pos + 2 + length;
            if (length < 2 || end > data.length) {
                break;
            }
            if (isFrameHeader(marker) && components == 0 && payload + 6 <= end) {
                components = data[payload + 5] & 0xFF;
            } else if (marker == 0xE1 && !exifSeen && startsWithExif(data, payload, end)) {
                exifSeen = true;
                orientation = readOrientation(data, payload + 6, end);
            }
            pos = end;
        }
        return new JpegHeader(components, orientation);
    }

    private static boolean isFrameHeader(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static boolean startsWithExif(byte[] data, int from, int end) {
        byte[] signature = {'E', 'x', 'i', 'f', 0, 0};
        if (from + signature.length > end) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if (data[from + i] != signature[i]) {
                return false;
            }
        }
        return true;
    }

    /** Reads tag 0x0112 from IFD0 of the TIFF structure at {@code tiff}; 1 when it is absent or bad. */
    static int readOrientation(byte[] data, int tiff, int end) {
        if (tiff + 8 > end) {
            return invalid("TIFF header truncated");
        }
        boolean littleEndian;
        if (data[tiff] == 'I' && data[tiff + 1] == 'I') {
            littleEndian = true;
        } else if (data[tiff] == 'M' && data[tiff + 1] == 'M') {
            littleEndian = false;
        } else {
            return invalid("unknown TIFF byte order");
        }
        if (readUnsigned16(data, tiff + 2, littleEndian) != 42) {
            return invalid("TIFF magic number is not 42");
        }
        long ifd = tiff + readUnsigned32(data, tiff + 4, littleEndian);
        if (ifd + 2 > end) {
            return invalid("IFD0 offset outside the segment");
        }
        int entries = readUnsigned16(data, (int) ifd, littleEndian);
        for (int i = 0; i < entries; i++) {
            int entry = (int) ifd + 2 + i * 12;
            if (entry + 12 > end) {
                return invalid("IFD0 entry outside the segment");
            }
            if (readUnsigned16(data, entry, littleEndian) == ORIENTATION_TAG) {
                int type = readUnsigned16(data, entry + 2, littleEndian);
                int value = readUnsigned16(data, entry + 8, littleEndian);
                if (type != TYPE_SHORT || value < 1 || value > 8) {
                    return invalid("orientation has type " + type + " and value " + value);
                }
                return value;
            }
        }
        return 1;
    }

    private static int invalid(String reason) {
        LOG.debug("ignoring EXIF orientation: {}", reason);
        return 1;
    }

    private static int readUnsigned16(byte[] data, int at, boolean littleEndian) {
        int first = data[at] & 0xFF;
        int second = data[at + 1] & 0xFF;
        return littleEndian ? first | second << 8 : first << 8 | second;
    }

    private static long readUnsigned32(byte[] data, int at, boolean littleEndian) {
        long high = readUnsigned16(data, littleEndian ? at + 2 : at, littleEndian);
        long low = readUnsigned16(data, littleEndian ? at : at + 2, littleEndian);
        return high << 16 | low;
    }
}

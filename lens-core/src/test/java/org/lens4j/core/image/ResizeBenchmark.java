package org.lens4j.core.image;

import java.util.Locale;
import java.util.Random;

/**
 * Prints how long a bicubic resize of a 1024×768 image to 336×252 takes. Not a unit test: run it
 * by hand with
 *
 * <pre>
 * mvn -o -q -pl lens-core test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.lens4j.core.image.ResizeBenchmark
 * </pre>
 */
public final class ResizeBenchmark {

    private static final int RUNS = 10;

    private ResizeBenchmark() {
    }

    /** Resizes {@value #RUNS} times after one warm-up and prints each time in milliseconds. */
    public static void main(String[] args) {
        byte[] bytes = new byte[1024 * 768 * 3];
        new Random(11).nextBytes(bytes);
        RgbImage image = RgbImage.of(1024, 768, bytes);
        ImageOps.resize(image, 336, 252, ResampleFilter.BICUBIC);
        StringBuilder times = new StringBuilder();
        for (int run = 0; run < RUNS; run++) {
            long start = System.nanoTime();
            ImageOps.resize(image, 336, 252, ResampleFilter.BICUBIC);
            times.append(String.format(Locale.ROOT, " %.1f", (System.nanoTime() - start) / 1e6));
        }
        System.out.println("bicubic resize 1024x768 -> 336x252, ms per run:" + times);
    }
}

package org.lens4j.examples.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void renderShowsCountRateAndEta() {
        AtomicLong clock = new AtomicLong(0);
        ProgressBar bar = new ProgressBar(new PrintStream(new ByteArrayOutputStream()), "extract", 100, true, clock::get);
        clock.set(10_000_000_000L);
        bar.advance(50);

        String text = bar.render(clock.get());

        assertTrue(text.contains("50/100"), text);
        assertTrue(text.contains("5.0/s"), text);
        assertTrue(text.contains("ETA 0:10"), text);
    }

    @Test
    void plainOutputPrintsOneLinePerTenth() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong clock = new AtomicLong(0);
        try (ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), "x", 20, false,
                clock::get)) {
            for (int i = 0; i < 20; i++) {
                clock.addAndGet(1_000_000);
                bar.advance(1);
            }
        }

        long lines = bytes.toString(StandardCharsets.UTF_8).lines().count();

        assertEquals(10, lines);
    }
}

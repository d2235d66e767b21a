package org.lens4j.examples.study;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line terminal progress bar with rate and estimated time left, redrawn in place with a
 * carriage return. When the output is not a terminal it prints a plain line at every tenth of the
 * work instead, so logs stay readable.
 */
public final class ProgressBar implements AutoCloseable {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintStream out;
    private final String label;
    private final long total;
    private final boolean terminal;
    private final LongSupplier clock;
    private final long start;
    private long done;
    private long lastDraw;
    private int lastTenth;

    /**
     * Creates a bar.
     *
     * @param out where to draw it
     * @param label a short name of the work, such as {@code extract}
     * @param total the number of steps; 0 draws an empty, finished bar
     * @param terminal whether {@code out} is an interactive terminal
     */
    public ProgressBar(PrintStream out, String label, long total, boolean terminal) {
        this(out, label, total, terminal, System::nanoTime);
    }

    ProgressBar(PrintStream out, String label, long total, boolean terminal, LongSupplier clock) {
        if (total < 0) {
            throw new IllegalArgumentException("total must be >= 0, got " + total);
        }
        this.out = out;
        this.label = label;
        this.total = total;
        this.terminal = terminal;
        this.clock = clock;
        this.start = clock.getAsLong();
        this.lastDraw = start - REDRAW_NANOS;
    }

    /** Returns a bar on standard error, drawn in place when a console is attached. */
    public static ProgressBar onStandardError(String label, long total) {
        return new ProgressBar(System.err, label, total, System.console() != null);
    }

    /** Records {@code steps} more finished steps and redraws when due. */
    public void advance(long steps) {
        done = Math.min(total, done + steps);
        long now = clock.getAsLong();
        if (terminal && (now - lastDraw >= REDRAW_NANOS || done == total)) {
            out.print("\r" + render(now));
            out.flush();
            lastDraw = now;
        } else if (!terminal) {
            int tenth = total == 0 ? 10 : (int) (10 * done / total);
            if (tenth > lastTenth) {
                lastTenth = tenth;
                out.println(render(now));
            }
        }
    }

    /** Returns the bar's text at time {@code now} (nanoseconds of the bar's clock). */
    String render(long now) {
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        double rate = done / seconds;
        int filled = total == 0 ? WIDTH : (int) (WIDTH * done / total);
        String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        String eta = rate > 0 ? clockText((total - done) / rate) : "--:--";
        return String.format(Locale.ROOT, "%s [%s] %d/%d %.1f/s ETA %s", label, bar, done, total, rate, eta);
    }

    @Override
    public void close() {
        if (terminal) {
            out.println();
        }
    }

    private static String clockText(double seconds) {
        long whole = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", whole / 60, whole % 60);
    }
}

package org.lens4j.core.module;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A parsed module-name pattern: an exact name, a glob, or a regular expression.
 *
 * <ul>
 *   <li>A pattern without {@code *} and without the {@code re:} prefix is an exact name.
 *   <li>A glob splits on dots, which are literal. Inside a segment {@code *} matches any run of
 *       characters other than a dot, so {@code model.layers.1*} matches {@code model.layers.1} and
 *       {@code model.layers.10} but not {@code model.layers.1.mlp}. A segment that is exactly
 *       {@code **} matches zero or more whole segments.
 *   <li>{@code re:} followed by a Java regular expression matches when the expression matches the
 *       whole name.
 * </ul>
 *
 * <pre>{@code
 * ModulePattern.parse("model.layers.*.mlp").matches("model.layers.3.mlp");        // true
 * ModulePattern.parse("model.layers.*.mlp").matches("model.layers.3.mlp.act_fn"); // false
 * ModulePattern.parse("re:visual\\.blocks\\.(3|31)\\.norm2").matches("visual.blocks.31.norm2"); // true
 * }</pre>
 */
public final class ModulePattern {

    /** The prefix that marks a regular expression. */
    public static final String REGEX_PREFIX = "re:";

    /** The interpretation of a pattern. */
    public enum Kind {
        /** An exact module name. */
        EXACT,
        /** A glob with {@code *} and {@code **}. */
        GLOB,
        /** A Java regular expression after the {@code re:} prefix. */
        REGEX
    }

    private static final String ANY_SEGMENTS = "**";

    private final String text;
    private final Kind kind;
    private final Pattern regex;
    private final List<Pattern> segments;

    private ModulePattern(String text, Kind kind, Pattern regex, List<Pattern> segments) {
        this.text = text;
        this.kind = kind;
        this.regex = regex;
        this.segments = segments;
    }

    /**
     * Parses a pattern.
     *
     * @throws IllegalArgumentException when the pattern is blank, when a glob has {@code **} inside
     *     a segment, or when a {@code re:} expression does not compile
     */
    public static ModulePattern parse(String text) {
        Objects.requireNonNull(text, "pattern");
        if (text.isBlank()) {
            throw new IllegalArgumentException("module pattern is blank; give a name such as"
                    + " 'model.layers.0.mlp', a glob such as 'model.layers.*.mlp' or 're:<regex>'");
        }
        if (text.startsWith(REGEX_PREFIX)) {
            return new ModulePattern(text, Kind.REGEX, compileRegex(text), List.of());
        }
        if (text.indexOf('*') < 0) {
            return new ModulePattern(text, Kind.EXACT, null, List.of());
        }
        return new ModulePattern(text, Kind.GLOB, null, compileGlob(text));
    }

    /** Returns the pattern as written. */
    public String text() {
        return text;
    }

    /** Returns how the pattern is interpreted. */
    public Kind kind() {
        return kind;
    }

    /** Returns whether {@code name} matches the whole pattern. */
    public boolean matches(String name) {
        switch (kind) {
            case EXACT:
                return text.equals(name);
            case REGEX:
                return regex.matcher(name).matches();
            default:
                return matchSegments(0, name.split("\\.", -1), 0);
        }
    }

    private boolean matchSegments(int patternIndex, String[] name, int nameIndex) {
        if (patternIndex == segments.size()) {
            return nameIndex == name.length;
        }
        Pattern segment = segments.get(patternIndex);
        if (segment == null) {
            // "**": try every number of skipped segments, zero first.
            for (int skip = nameIndex; skip <= name.length; skip++) {
                if (matchSegments(patternIndex + 1, name, skip)) {
                    return true;
                }
            }
            return false;
        }
        return nameIndex < name.length
                && segment.matcher(name[nameIndex]).matches()
                && matchSegments(patternIndex + 1, name, nameIndex + 1);
    }

    private static Pattern compileRegex(String text) {
        String expression = text.substring(REGEX_PREFIX.length());
        try {
            return Pattern.compile(expression);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regular expression in module pattern '" + text
                    + "': " + e.getDescription() + " near index " + e.getIndex()
                    + "; write a glob without the 're:' prefix if no regex is meant", e);
        }
    }

    /** Compiles each dot-separated segment; {@code null} stands for {@code **}. */
    private static List<Pattern> compileGlob(String text) {
        List<Pattern> out = new ArrayList<>();
        for (String segment : text.split("\\.", -1)) {
            if (segment.equals(ANY_SEGMENTS)) {
                out.add(null);
            } else if (segment.contains(ANY_SEGMENTS)) {
                throw new IllegalArgumentException("invalid glob '" + text + "': '**' must be a whole"
                        + " segment such as 'visual.**.norm2', got segment '" + segment + "'");
            } else {
                out.add(Pattern.compile(segmentRegex(segment)));
            }
        }
        return Collections.unmodifiableList(out);
    }

    private static String segmentRegex(String segment) {
        StringBuilder regex = new StringBuilder();
        int start = 0;
        for (int star = segment.indexOf('*'); star >= 0; star = segment.indexOf('*', start)) {
            if (star > start) {
                regex.append(Pattern.quote(segment.substring(start, star)));
            }
            regex.append("[^.]*");
            start = star + 1;
        }
        if (start < segment.length()) {
            regex.append(Pattern.quote(segment.substring(start)));
        }
        return regex.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ModulePattern && ((ModulePattern) other).text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}

package org.lens4j.models.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a word-level {@code tokenizer.json} for tests: words split like the Hugging Face
 * {@code Whitespace} pre-tokenizer ({@code \w+|[^\w\s]+}), special tokens matched whole, and a
 * template that adds a start token (and optionally an end token) around every text.
 */
public final class WordTokenizer {

    private static final Pattern WORD = Pattern.compile("\\w+|[^\\w\\s]+");

    private final Map<String, Integer> vocabulary = new LinkedHashMap<>();
    private final Map<String, Integer> specials = new LinkedHashMap<>();
    private final String start;
    private final String end;
    private int nextId;

    /**
     * Starts a tokenizer whose ordinary words get ids from {@code firstWordId} upward.
     *
     * @param start the token added before every text
     * @param end the token added after every text, or {@code null}
     */
    public WordTokenizer(int firstWordId, String start, String end) {
        this.nextId = firstWordId;
        this.start = start;
        this.end = end;
        vocabulary.put("<unk>", 0);
    }

    /** Adds a special token with a fixed id. */
    public WordTokenizer special(String token, int id) {
        specials.put(token, id);
        vocabulary.put(token, id);
        return this;
    }

    /** Adds every word of {@code text} that is not a special token to the vocabulary. */
    public WordTokenizer words(String text) {
        for (String word : split(text)) {
            if (!specials.containsKey(word) && !vocabulary.containsKey(word)) {
                vocabulary.put(word, nextId++);
            }
        }
        return this;
    }

    /** Returns the ids this tokenizer gives {@code text}, start and end tokens included. */
    public long[] expectedIds(String text) {
        List<Long> ids = new ArrayList<>();
        ids.add((long) specials.get(start));
        for (String word : split(text)) {
            ids.add((long) vocabulary.getOrDefault(word, 0));
        }
        if (end != null) {
            ids.add((long) specials.get(end));
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    /** Writes {@code tokenizer.json} into {@code folder}. */
    public void write(Path folder) {
        JsonObject root = new JsonObject();
        root.addProperty("version", "1.0");

        JsonArray added = new JsonArray();
        for (Map.Entry<String, Integer> special : specials.entrySet()) {
            JsonObject token = new JsonObject();
            token.addProperty("id", special.getValue());
            token.addProperty("content", special.getKey());
            token.addProperty("single_word", false);
            token.addProperty("lstrip", false);
            token.addProperty("rstrip", false);
            token.addProperty("normalized", false);
            token.addProperty("special", true);
            added.add(token);
        }
        root.add("added_tokens", added);

        JsonObject preTokenizer = new JsonObject();
        preTokenizer.addProperty("type", "Whitespace");
        root.add("pre_tokenizer", preTokenizer);
        root.add("post_processor", template());

        JsonObject model = new JsonObject();
        model.addProperty("type", "WordLevel");
        JsonObject vocab = new JsonObject();
        vocabulary.forEach(vocab::addProperty);
        model.add("vocab", vocab);
        model.addProperty("unk_token", "<unk>");
        root.add("model", model);

        try {
            Files.writeString(folder.resolve("tokenizer.json"), root.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonObject template() {
        JsonArray single = new JsonArray();
        single.add(piece("SpecialToken", start));
        single.add(piece("Sequence", "A"));
        if (end != null) {
            single.add(piece("SpecialToken", end));
        }
        JsonObject tokens = new JsonObject();
        for (String token : end == null ? List.of(start) : List.of(start, end)) {
            JsonObject entry = new JsonObject();
            entry.addProperty("id", token);
            JsonArray ids = new JsonArray();
            ids.add(specials.get(token));
            entry.add("ids", ids);
            JsonArray texts = new JsonArray();
            texts.add(token);
            entry.add("tokens", texts);
            tokens.add(token, entry);
        }
        JsonObject processor = new JsonObject();
        processor.addProperty("type", "TemplateProcessing");
        processor.add("single", single);
        processor.add("pair", single.deepCopy());
        processor.add("special_tokens", tokens);
        return processor;
    }

    private static JsonObject piece(String kind, String id) {
        JsonObject inner = new JsonObject();
        inner.addProperty("id", id);
        inner.addProperty("type_id", 0);
        JsonObject outer = new JsonObject();
        outer.add(kind, inner);
        return outer;
    }

    private List<String> split(String text) {
        List<String> out = new ArrayList<>();
        int position = 0;
        while (position < text.length()) {
            String special = specialAt(text, position);
            if (special != null) {
                out.add(special);
                position += special.length();
                continue;
            }
            int next = nextSpecial(text, position);
            Matcher matcher = WORD.matcher(text.substring(position, next));
            while (matcher.find()) {
                out.add(matcher.group());
            }
            position = next;
        }
        return out;
    }

    private String specialAt(String text, int position) {
        for (String token : specials.keySet()) {
            if (text.startsWith(token, position)) {
                return token;
            }
        }
        return null;
    }

    private int nextSpecial(String text, int from) {
        int next = text.length();
        for (String token : specials.keySet()) {
            int found = text.indexOf(token, from);
            if (found >= 0 && found < next) {
                next = found;
            }
        }
        return next;
    }
}

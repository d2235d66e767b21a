package org.lens4j.models.vit.internal;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lens4j.core.LensRuntime;

/**
 * A model folder's {@code tokenizer.json}, opened by file path, with the padding settings of its
 * {@code tokenizer_config.json}.
 *
 * <p>Text is encoded with the tokenizer's own post-processor, so the special tokens the reference
 * tokenizer adds by default (BOS for Llama, start and end of text for CLIP) are added here too.
 * The tokenizer owns native memory until {@link #close()}.
 */
public final class PromptTokenizer implements AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;
    private final boolean padsLeft;
    private final Optional<String> padToken;
    private boolean closed;

    private PromptTokenizer(HuggingFaceTokenizer tokenizer, boolean padsLeft, Optional<String> padToken) {
        this.tokenizer = tokenizer;
        this.padsLeft = padsLeft;
        this.padToken = padToken;
    }

    /**
     * Opens {@code tokenizer.json} (required) and {@code tokenizer_config.json} (optional: right
     * padding and no pad token without it) in {@code folder}.
     *
     * @param family the family id, for error messages
     * @throws UncheckedIOException naming the file when one cannot be read
     */
    public static PromptTokenizer open(Path folder, String family) {
        Path file = folder.resolve("tokenizer.json");
        if (!Files.isRegularFile(file)) {
            throw new UncheckedIOException(new FileNotFoundException("tokenizer file not found: " + file
                    + "; a " + family + " model folder must contain tokenizer.json"));
        }
        JsonObject settings = tokenizerConfig(folder.resolve("tokenizer_config.json"));
        boolean left = settings.has("padding_side") && "left".equals(settings.get("padding_side").getAsString());
        Optional<String> pad = tokenText(settings.get("pad_token"));
        LensRuntime.applyOfflineProperties();
        Map<String, String> options = Map.of("addSpecialTokens", "true", "truncation", "false", "padding", "false");
        try {
            return new PromptTokenizer(HuggingFaceTokenizer.newInstance(file, options), left, pad);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer " + file, e);
        }
    }

    /** Encodes {@code text} with the tokenizer's special tokens. */
    public long[] encode(String text) {
        ensureOpen();
        return tokenizer.encode(text).getIds();
    }

    /**
     * Returns the id of a token that must encode to exactly one id.
     *
     * @throws IllegalArgumentException when it encodes to zero or several ids
     */
    public long tokenId(String token) {
        ensureOpen();
        long[] ids = tokenizer.encode(token, false, false).getIds();
        if (ids.length != 1) {
            throw new IllegalArgumentException("the tokenizer encodes '" + token + "' as " + ids.length
                    + " ids " + Arrays.toString(ids) + " instead of one; use the tokenizer that belongs to the model");
        }
        return ids[0];
    }

    /** Returns the pad id: the tokenizer config's pad token when it has one, otherwise {@code fallback}. */
    public long padId(long fallback) {
        return padToken.map(this::tokenId).orElse(fallback);
    }

    /**
     * Pads rows of ids to the longest with {@code padId} on the tokenizer's padding side.
     *
     * @return {@code input_ids} and {@code attention_mask}, int64 {@code [rows, longest]}, in {@code manager}
     */
    public Padded pad(List<long[]> rows, long padId, NDManager manager) {
        int longest = rows.stream().mapToInt(row -> row.length).max().orElse(0);
        long[] ids = new long[rows.size() * longest];
        long[] mask = new long[rows.size() * longest];
        for (int r = 0; r < rows.size(); r++) {
            long[] row = rows.get(r);
            int offset = padsLeft ? longest - row.length : 0;
            for (int c = 0; c < longest; c++) {
                int source = c - offset;
                boolean real = source >= 0 && source < row.length;
                ids[r * longest + c] = real ? row[source] : padId;
                mask[r * longest + c] = real ? 1 : 0;
            }
        }
        return new Padded(manager.create(ids).reshape(rows.size(), longest),
                manager.create(mask).reshape(rows.size(), longest));
    }

    /** Releases the tokenizer's native memory; idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            tokenizer.close();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the tokenizer is closed");
        }
    }

    private static JsonObject tokenizerConfig(Path file) {
        if (!Files.isRegularFile(file)) {
            return new JsonObject();
        }
        try {
            JsonElement parsed = JsonParser.parseString(Files.readString(file));
            return parsed.isJsonObject() ? parsed.getAsJsonObject() : new JsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer settings " + file, e);
        }
    }

    /** Reads a token written as a string or as an added-token object with {@code content}. */
    private static Optional<String> tokenText(JsonElement value) {
        if (value == null || value.isJsonNull()) {
            return Optional.empty();
        }
        if (value.isJsonObject() && value.getAsJsonObject().has("content")) {
            return Optional.of(value.getAsJsonObject().get("content").getAsString());
        }
        return value.isJsonPrimitive() ? Optional.of(value.getAsString()) : Optional.empty();
    }

    /**
     * Padded token ids.
     *
     * @param inputIds int64 {@code [rows, longest]}
     * @param attentionMask int64 {@code [rows, longest]}, 1 for real tokens
     */
    public record Padded(ai.djl.ndarray.NDArray inputIds, ai.djl.ndarray.NDArray attentionMask) {
    }
}

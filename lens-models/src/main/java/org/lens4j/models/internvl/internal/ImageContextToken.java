package org.lens4j.models.internvl.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import org.lens4j.models.ModelConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the id of {@code <IMG_CONTEXT>}, the token the remote-code InternVL replaces with image
 * features. The reference takes it from the tokenizer at chat time; this reads, in order, an
 * {@code img_context_token_id} entry of {@code config.json}, then the tokenizer files of the
 * model folder: {@code tokenizer_config.json} ({@code added_tokens_decoder}),
 * {@code added_tokens.json}, {@code tokenizer.json} ({@code added_tokens}).
 */
public final class ImageContextToken {

    /** The placeholder token's text. */
    public static final String TOKEN = "<IMG_CONTEXT>";

    /** The optional {@code config.json} entry that sets the id explicitly. */
    public static final String CONFIG_KEY = "img_context_token_id";

    private static final Logger LOG = LoggerFactory.getLogger(ImageContextToken.class);

    private ImageContextToken() {
    }

    /**
     * Returns the id of {@code <IMG_CONTEXT>} for the model in {@code folder}.
     *
     * @throws IllegalArgumentException when neither the config nor a tokenizer file gives it
     * @throws UncheckedIOException when a tokenizer file cannot be read
     */
    public static long resolve(Path folder, ModelConfig config) {
        if (config.has(CONFIG_KEY)) {
            return config.getLong(CONFIG_KEY, -1);
        }
        OptionalLong id = fromTokenizerConfig(folder.resolve("tokenizer_config.json"));
        if (id.isEmpty()) {
            id = fromAddedTokens(folder.resolve("added_tokens.json"));
        }
        if (id.isEmpty()) {
            id = fromTokenizer(folder.resolve("tokenizer.json"));
        }
        if (id.isEmpty()) {
            throw new IllegalArgumentException("cannot find the id of " + TOKEN + " for the model in " + folder
                    + ": no tokenizer_config.json, added_tokens.json or tokenizer.json there defines it; keep the"
                    + " tokenizer files next to the weights or add \"" + CONFIG_KEY + "\" to config.json");
        }
        LOG.debug("{} has id {} in the tokenizer files of {}", TOKEN, id.getAsLong(), folder);
        return id.getAsLong();
    }

    private static OptionalLong fromTokenizerConfig(Path file) {
        JsonObject json = read(file);
        if (json == null || !json.has("added_tokens_decoder") || !json.get("added_tokens_decoder").isJsonObject()) {
            return OptionalLong.empty();
        }
        for (Map.Entry<String, JsonElement> entry : json.getAsJsonObject("added_tokens_decoder").entrySet()) {
            if (entry.getValue().isJsonObject() && isToken(entry.getValue().getAsJsonObject().get("content"))) {
                return OptionalLong.of(Long.parseLong(entry.getKey()));
            }
        }
        return OptionalLong.empty();
    }

    private static OptionalLong fromAddedTokens(Path file) {
        JsonObject json = read(file);
        if (json == null || !json.has(TOKEN)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(json.get(TOKEN).getAsLong());
    }

    private static OptionalLong fromTokenizer(Path file) {
        JsonObject json = read(file);
        if (json == null || !json.has("added_tokens") || !json.get("added_tokens").isJsonArray()) {
            return OptionalLong.empty();
        }
        for (JsonElement token : json.getAsJsonArray("added_tokens")) {
            if (token.isJsonObject() && isToken(token.getAsJsonObject().get("content"))) {
                return OptionalLong.of(token.getAsJsonObject().get("id").getAsLong());
            }
        }
        return OptionalLong.empty();
    }

    private static boolean isToken(JsonElement content) {
        return content != null && content.isJsonPrimitive() && TOKEN.equals(content.getAsString());
    }

    private static JsonObject read(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonElement element = JsonParser.parseString(Files.readString(file));
            return element.isJsonObject() ? element.getAsJsonObject() : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer file " + file, e);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("tokenizer file " + file + " is not valid JSON: " + e.getMessage(), e);
        }
    }
}

package org.lens4j.models.llavanext;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.lens4j.models.ModelConfig;
import org.lens4j.models.llava.LlavaConfig;

/**
 * A {@code LlavaNextConfig}: the LLaVA settings plus the AnyRes grid pinpoints.
 *
 * @param llava the settings shared with LLaVA
 * @param imageGridPinpoints the candidate resolutions, {@code [height, width]} pairs in pixels
 */
public record LlavaNextConfig(LlavaConfig llava, int[][] imageGridPinpoints) {

    /** The pinpoints transformers 4.47 uses when the config has none. */
    private static final int[][] DEFAULT_PINPOINTS = {{336, 672}, {672, 336}, {672, 672}, {1008, 336}, {336, 1008}};

    /** Validates the components and copies the pinpoints. */
    public LlavaNextConfig {
        Objects.requireNonNull(llava, "llava");
        imageGridPinpoints = copy(imageGridPinpoints);
        if (imageGridPinpoints.length == 0) {
            throw new IllegalArgumentException("image_grid_pinpoints is empty; give at least one [height, width]");
        }
        for (int[] pinpoint : imageGridPinpoints) {
            if (pinpoint.length != 2 || pinpoint[0] <= 0 || pinpoint[1] <= 0) {
                throw new IllegalArgumentException("image_grid_pinpoints entry " + Arrays.toString(pinpoint)
                        + " is not a positive [height, width] pair");
            }
        }
        if (!llava.dropsClassToken()) {
            throw new IllegalArgumentException("vision_feature_select_strategy 'full' does not fit the AnyRes"
                    + " tile grid of LLaVA-NeXT; use 'default'");
        }
    }

    /** Reads {@code config.json} of a LLaVA-NeXT model; absent keys take transformers' defaults. */
    public static LlavaNextConfig from(ModelConfig config) {
        Optional<JsonArray> pinpoints = config.getArray("image_grid_pinpoints");
        int[][] grid = DEFAULT_PINPOINTS;
        if (pinpoints.isPresent()) {
            grid = new int[pinpoints.get().size()][];
            for (int i = 0; i < grid.length; i++) {
                JsonElement pair = pinpoints.get().get(i);
                if (!pair.isJsonArray()) {
                    throw new IllegalArgumentException(config.source() + ": image_grid_pinpoints[" + i
                            + "] must be a [height, width] list, got " + pair);
                }
                JsonArray values = pair.getAsJsonArray();
                grid[i] = new int[values.size()];
                for (int j = 0; j < grid[i].length; j++) {
                    grid[i][j] = values.get(j).getAsInt();
                }
            }
        }
        return new LlavaNextConfig(LlavaConfig.from(config), grid);
    }

    @Override
    public int[][] imageGridPinpoints() {
        return copy(imageGridPinpoints);
    }

    private static int[][] copy(int[][] pinpoints) {
        int[][] out = new int[pinpoints.length][];
        for (int i = 0; i < pinpoints.length; i++) {
            out[i] = pinpoints[i].clone();
        }
        return out;
    }
}

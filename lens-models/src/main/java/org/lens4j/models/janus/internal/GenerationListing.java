package org.lens4j.models.janus.internal;

import org.lens4j.core.module.ModuleKind;
import org.lens4j.models.blocks.internal.ModuleListing;
import org.lens4j.models.janus.VqConfig;

/**
 * Lists Janus's image-generation modules (the VQ model, {@code generation_embeddings},
 * {@code generation_aligner}, {@code generation_head}) in {@code named_modules()} order. All of them are
 * {@link ModuleKind#NEVER_RUNS}: understanding an image never calls them.
 */
final class GenerationListing {

    private static final ModuleKind IDLE = ModuleKind.NEVER_RUNS;

    private final ModuleListing out;
    private final VqConfig vq;

    private GenerationListing(ModuleListing out, VqConfig vq) {
        this.out = out;
        this.vq = vq;
    }

    /** Lists the VQ model under {@code vqmodel}. */
    static void vqModel(ModuleListing out, String vqmodel, VqConfig vq) {
        GenerationListing listing = new GenerationListing(out, vq);
        out.add(vqmodel, "JanusVQVAE", IDLE);
        listing.encoder(vqmodel + ".encoder");
        out.add(vqmodel + ".quantize", "JanusVQVAEVectorQuantizer", IDLE);
        out.add(vqmodel + ".quantize.embedding", "Embedding", IDLE);
        out.add(vqmodel + ".quant_conv", "Conv2d", IDLE);
        out.add(vqmodel + ".post_quant_conv", "Conv2d", IDLE);
        listing.decoder(vqmodel + ".decoder");
    }

    /** Lists {@code generation_embeddings}, {@code generation_aligner} and {@code generation_head} under {@code model}. */
    static void generationModules(ModuleListing out, String model, VqConfig vq) {
        String activation = vq.activation().moduleType();
        out.add(model + ".generation_embeddings", "Embedding", IDLE);
        String aligner = model + ".generation_aligner";
        out.add(aligner, "JanusVQVAEAlignerMLP", IDLE);
        out.add(aligner + ".fc1", "Linear", IDLE);
        out.add(aligner + ".hidden_layers", "ModuleList", IDLE);
        for (int i = 0; i < vq.numHiddenLayers() - 1; i++) {
            out.add(aligner + ".hidden_layers." + i, "Linear", IDLE);
        }
        out.add(aligner + ".activation_fn", activation, IDLE);
        String head = model + ".generation_head";
        out.add(head, "JanusVQVAEHead", IDLE);
        out.add(head + ".proj_out", "Linear", IDLE);
        out.add(head + ".activation_fn", activation, IDLE);
        out.add(head + ".vision_head", "Linear", IDLE);
    }

    private void encoder(String encoder) {
        int[] multiplier = vq.channelMultiplier();
        int levels = multiplier.length;
        out.add(encoder, "JanusVQVAEEncoder", IDLE);
        out.add(encoder + ".conv_in", "Conv2d", IDLE);
        out.add(encoder + ".down", "ModuleList", IDLE);
        int channels = vq.baseChannels();
        for (int level = 0; level < levels; level++) {
            String down = encoder + ".down." + level;
            int blockOut = vq.baseChannels() * multiplier[level];
            out.add(down, "Module", IDLE);
            out.add(down + ".block", "ModuleList", IDLE);
            for (int block = 0; block < vq.numResBlocks(); block++) {
                resnetBlock(down + ".block." + block, channels, blockOut);
                channels = blockOut;
            }
            out.add(down + ".attn", "ModuleList", IDLE);
            if (level == levels - 1) {
                for (int block = 0; block < vq.numResBlocks(); block++) {
                    attentionBlock(down + ".attn." + block);
                }
            } else {
                out.add(down + ".downsample", "JanusVQVAEConvDownsample", IDLE);
                out.add(down + ".downsample.conv", "Conv2d", IDLE);
            }
        }
        midBlock(encoder + ".mid", channels);
        out.add(encoder + ".norm_out", "GroupNorm", IDLE);
        out.add(encoder + ".conv_out", "Conv2d", IDLE);
    }

    private void decoder(String decoder) {
        int[] multiplier = vq.channelMultiplier();
        int levels = multiplier.length;
        int channels = vq.baseChannels() * multiplier[levels - 1];
        out.add(decoder, "JanusVQVAEDecoder", IDLE);
        out.add(decoder + ".conv_in", "Conv2d", IDLE);
        midBlock(decoder + ".mid", channels);
        out.add(decoder + ".up", "ModuleList", IDLE);
        for (int index = 0; index < levels; index++) {
            int level = levels - 1 - index; // the decoder lists the levels from the deepest up
            String up = decoder + ".up." + index;
            int blockOut = vq.baseChannels() * multiplier[level];
            out.add(up, "Module", IDLE);
            out.add(up + ".block", "ModuleList", IDLE);
            for (int block = 0; block < vq.numResBlocks() + 1; block++) {
                resnetBlock(up + ".block." + block, channels, blockOut);
                channels = blockOut;
            }
            out.add(up + ".attn", "ModuleList", IDLE);
            if (level == levels - 1) {
                for (int block = 0; block < vq.numResBlocks() + 1; block++) {
                    attentionBlock(up + ".attn." + block);
                }
            }
            if (level != 0) {
                out.add(up + ".upsample", "JanusVQVAEConvUpsample", IDLE);
                out.add(up + ".upsample.conv", "Conv2d", IDLE);
            }
        }
        out.add(decoder + ".norm_out", "GroupNorm", IDLE);
        out.add(decoder + ".conv_out", "Conv2d", IDLE);
    }

    private void midBlock(String mid, int channels) {
        out.add(mid, "JanusVQVAEMidBlock", IDLE);
        resnetBlock(mid + ".block_1", channels, channels);
        attentionBlock(mid + ".attn_1");
        resnetBlock(mid + ".block_2", channels, channels);
    }

    private void resnetBlock(String block, int in, int outChannels) {
        out.add(block, "JanusVQVAEResnetBlock", IDLE);
        out.add(block + ".norm1", "GroupNorm", IDLE);
        out.add(block + ".conv1", "Conv2d", IDLE);
        out.add(block + ".norm2", "GroupNorm", IDLE);
        out.add(block + ".dropout", "Dropout", IDLE);
        out.add(block + ".conv2", "Conv2d", IDLE);
        if (in != outChannels) {
            out.add(block + ".nin_shortcut", "Conv2d", IDLE);
        }
    }

    private void attentionBlock(String block) {
        out.add(block, "JanusVQVAEAttnBlock", IDLE);
        out.add(block + ".norm", "GroupNorm", IDLE);
        out.add(block + ".q", "Conv2d", IDLE);
        out.add(block + ".k", "Conv2d", IDLE);
        out.add(block + ".v", "Conv2d", IDLE);
        out.add(block + ".proj_out", "Conv2d", IDLE);
    }
}

package org.lens4j.models.pixtral.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.lens4j.models.blocks.Activation;
import org.lens4j.models.blocks.Attention;
import org.lens4j.models.blocks.Linear;
import org.lens4j.models.blocks.RmsNorm;
import org.lens4j.models.blocks.Scopes;
import org.lens4j.models.blocks.WeightSource;

/**
 * One pre-RMSNorm transformer layer as Pixtral's vision encoder and the Mistral decoder share it:
 * {@code h = x + attention(attention_norm(x))}, {@code y = h + feed_forward(ffn_norm(h))}, with
 * rotary grouped-query attention without biases and a gated feed-forward block
 * {@code down(act(gate(x)) · up(x))}.
 *
 * <p>Dimensions: {@code B} batch, {@code L} sequence, {@code H} query heads, {@code KV}
 * key/value heads, {@code D} head size; input and output {@code [B, L, width]}. Module names come
 * from {@link PixtralNames.Block}; hooks see them through a {@link Reporter}.
 */
final class TransformerBlock {

    /**
     * The shape of one transformer stack.
     *
     * @param width model width
     * @param inner feed-forward inner width
     * @param heads query heads
     * @param kvHeads key/value heads
     * @param headSize head size
     * @param activation feed-forward activation
     * @param eps RMSNorm epsilon
     */
    record LayerSpec(int width, int inner, int heads, int kvHeads, int headSize, Activation activation, double eps) {
    }

    private final String name;
    private final PixtralNames.Block names;
    private final LayerSpec spec;
    private final RotaryConvention rotary;
    private final RmsNorm attentionNorm;
    private final Linear q;
    private final Linear k;
    private final Linear v;
    private final Linear o;
    private final RmsNorm ffnNorm;
    private final Linear gate;
    private final Linear up;
    private final Linear down;
    private final float scale;

    TransformerBlock(WeightSource weights, NDManager manager, String name, PixtralNames.Block names, LayerSpec spec,
            RotaryConvention rotary) {
        this.name = name;
        this.names = names;
        this.spec = spec;
        this.rotary = rotary;
        this.scale = (float) Math.pow(spec.headSize(), -0.5);
        long width = spec.width();
        long queryWidth = (long) spec.heads() * spec.headSize();
        long keyWidth = (long) spec.kvHeads() * spec.headSize();
        String attention = name + "." + names.attention() + ".";
        String feedForward = name + "." + names.feedForward() + ".";
        this.attentionNorm = RmsNorm.load(weights, manager, name + "." + names.attentionNorm(), width, spec.eps());
        this.q = Linear.load(weights, manager, attention + names.query(), width, queryWidth, false);
        this.k = Linear.load(weights, manager, attention + names.key(), width, keyWidth, false);
        this.v = Linear.load(weights, manager, attention + names.value(), width, keyWidth, false);
        this.o = Linear.load(weights, manager, attention + names.output(), queryWidth, width, false);
        this.ffnNorm = RmsNorm.load(weights, manager, name + "." + names.ffnNorm(), width, spec.eps());
        this.gate = Linear.load(weights, manager, feedForward + names.gate(), width, spec.inner(), false);
        this.up = Linear.load(weights, manager, feedForward + names.up(), width, spec.inner(), false);
        this.down = Linear.load(weights, manager, feedForward + names.down(), spec.inner(), width, false);
    }

    /**
     * Runs the layer inside its own scope.
     *
     * @param x {@code [B, L, width]}
     * @param cos rotary cosines, broadcast against {@code [B, H, L, D]}
     * @param sin rotary sines, likewise
     * @param mask additive {@code [B, 1, L, L]}, or {@code null}
     */
    NDArray forward(NDArray x, NDArray cos, NDArray sin, NDArray mask, Reporter reporter) {
        return Scopes.step(x, input -> {
            reporter.input(name, input);
            NDArray normed = reporter.call(name + "." + names.attentionNorm(), input, attentionNorm::apply);
            NDArray attended = reporter.call(name + "." + names.attention(), normed,
                    h -> attend(h, cos, sin, mask, reporter)).addi(input);
            NDArray normed2 = reporter.call(name + "." + names.ffnNorm(), attended, ffnNorm::apply);
            NDArray out = reporter.call(name + "." + names.feedForward(), normed2, h -> feedForward(h, reporter))
                    .addi(attended);
            return reporter.output(name, out);
        });
    }

    private NDArray attend(NDArray x, NDArray cos, NDArray sin, NDArray mask, Reporter reporter) {
        String attention = name + "." + names.attention() + ".";
        long batch = x.getShape().get(0);
        long length = x.getShape().get(1);

        NDArray query = split(reporter.call(attention + names.query(), x, q::apply), spec.heads());
        NDArray key = split(reporter.call(attention + names.key(), x, k::apply), spec.kvHeads());
        NDArray value = split(reporter.call(attention + names.value(), x, v::apply), spec.kvHeads());
        query = rotary.apply(query, cos, sin);
        key = rotary.apply(key, cos, sin);

        NDArray context = Attention.scaledDotProduct(query, key, value, mask, scale);
        NDArray joined = context.transpose(0, 2, 1, 3).reshape(batch, length, (long) spec.heads() * spec.headSize());
        return reporter.call(attention + names.output(), joined, o::apply);
    }

    /** {@code down(act(gate(x)) · up(x))}, in the reference's call order: gate, act, up, down. */
    private NDArray feedForward(NDArray x, Reporter reporter) {
        String feedForward = name + "." + names.feedForward() + ".";
        NDArray gated = reporter.call(feedForward + names.gate(), x, gate::apply);
        String activation = names.activation() == null ? null : feedForward + names.activation();
        NDArray activated = reporter.call(activation, gated, spec.activation()::apply);
        NDArray product = activated.mul(reporter.call(feedForward + names.up(), x, up::apply));
        return reporter.call(feedForward + names.down(), product, down::apply);
    }

    /** {@code [B, L, n·D]} → {@code [B, n, L, D]}. */
    private NDArray split(NDArray x, int count) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), count, spec.headSize()).transpose(0, 2, 1, 3);
    }
}

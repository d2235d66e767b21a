package org.lens4j.probe.model.internal;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** A trained {@link Network} evaluated without dropout. */
public record NetworkScorer(Network network, int d) implements Scorer {

    @Override
    public double[][] probabilities(double[] x, int rows) {
        float[] values = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            values[i] = (float) x[i];
        }
        Network.Pass pass = network.forward(Nd4j.create(values, new long[] {rows, d}, DataType.FLOAT), 0, null);
        return Loss.probabilities(pass.logits(), pass.outputs(), rows);
    }
}

package org.lens4j.probe.model.internal;

/** A trained {@link Network} evaluated without dropout. */
public record NetworkScorer(Network network, int d) implements Scorer {

    @Override
    public double[][] probabilities(double[] x, int rows) {
        float[] values = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            values[i] = (float) x[i];
        }
        Network.Pass pass = network.forward(values, rows, 0, null);
        return Loss.probabilities(pass.logits(), pass.outputs(), rows);
    }
}

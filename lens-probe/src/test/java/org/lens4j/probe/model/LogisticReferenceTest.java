package org.lens4j.probe.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lens4j.probe.FeatureSet;
import org.lens4j.probe.LabelMap;

/**
 * Coefficients of the logistic probe against scikit-learn 1.2.1 (Debian python3-sklearn) on a
 * fixed 40 × 3 data set. Every expected value was printed by the Python command in the comment
 * above it; the prefix {@code $P} of those commands is
 *
 * <pre>
 * P='import numpy as np; from sklearn.linear_model import LogisticRegression as L;
 *    from sklearn.preprocessing import StandardScaler as S; i=np.arange(40);
 *    X=np.stack([2*np.sin(0.37*i),np.cos(0.23*i+1),((i*7)%11)/5.0-1],1).astype(np.float32).astype(float);
 *    y=(X[:,0]+X[:,1]-0.8*X[:,2]+0.6*np.sin(1.7*i)>0).astype(int);
 *    y3=np.where(X[:,0]>0.8,2,np.where(X[:,1]+0.3*np.sin(2.3*i)>0,1,0));'
 * </pre>
 *
 * <p>(one line in the shell). Even with {@code tol=1e-12}, scipy's L-BFGS-B inside scikit-learn
 * stops on its relative-decrease test ({@code ftol} ≈ 2.2e-9), 2.05e-5 short of the optimum for
 * C = 10: polishing its solution with numpy Newton steps moves it by 2.05e-5, onto ours.
 */
class LogisticReferenceTest {

    /** Required agreement; the largest error measured is 2.05e-5 (C = 10), scikit-learn's own, see above. */
    private static final double REFERENCE_TOLERANCE = 1e-4;

    /** Agreement of the Adam solver after 4000 full-batch epochs at lr 0.02; measured error 2e-5. */
    private static final double ADAM_TOLERANCE = 1e-3;

    @Test
    void binaryLbfgsMatchesScikitLearnAtCHalf() {
        // /usr/bin/python3 -c "$P m=L(C=0.5,solver='lbfgs',tol=1e-12,max_iter=100000).fit(X,y); print(m.coef_.tolist(), m.intercept_.tolist())"
        double[] coefficients = {1.1617927902611418, 0.8747974537451244, -0.9897704059473771};
        double intercept = 0.062457591331317314;

        FittedProbe probe = fit(rawProbe(0.5), binaryLabels());

        assertCoefficients(coefficients, probe.coefficients()[0], REFERENCE_TOLERANCE);
        assertEquals(intercept, probe.intercepts()[0], REFERENCE_TOLERANCE, "intercept");
    }

    @Test
    void binaryLbfgsMatchesScikitLearnAtCTen() {
        // /usr/bin/python3 -c "$P m=L(C=10.0,solver='lbfgs',tol=1e-12,max_iter=100000).fit(X,y); print(m.coef_.tolist(), m.intercept_.tolist())"
        double[] coefficients = {2.827240951994418, 2.947226132471267, -3.690650412338499};
        double intercept = 0.24043031389353073;

        FittedProbe probe = fit(rawProbe(10.0), binaryLabels());

        assertCoefficients(coefficients, probe.coefficients()[0], REFERENCE_TOLERANCE);
        assertEquals(intercept, probe.intercepts()[0], REFERENCE_TOLERANCE, "intercept");
    }

    @Test
    void standardisedProbeMatchesScalerPipeline() {
        // /usr/bin/python3 -c "$P m=L(C=1.0,solver='lbfgs',tol=1e-12,max_iter=100000).fit(S().fit_transform(X),y); print(m.coef_.tolist(), m.intercept_.tolist())"
        double[] coefficients = {1.9202691049397613, 1.014543566049212, -1.1223280365678787};
        double intercept = 0.2323169710722335;

        FittedProbe probe = fit(rawProbe(1.0).withStandardize(true), binaryLabels());

        assertCoefficients(coefficients, probe.coefficients()[0], REFERENCE_TOLERANCE);
        assertEquals(intercept, probe.intercepts()[0], REFERENCE_TOLERANCE, "intercept");
    }

    @Test
    void multinomialLbfgsMatchesScikitLearn() {
        // /usr/bin/python3 -c "$P m=L(C=1.0,solver='lbfgs',tol=1e-12,max_iter=100000).fit(X,y3); print(m.coef_.tolist(), m.intercept_.tolist())"
        double[][] coefficients = {
            {-1.3543151683945798, -1.4363273986916676, -0.37707504845520556},
            {-0.517238558785634, 1.2465957292318648, 0.3969304699302618},
            {1.8715537271802136, 0.18973166945980297, -0.019855421475056152}};
        double[] intercepts = {0.3652424513406676, 0.42736152400599625, -0.7926039753466642};

        FittedProbe probe = fit(rawProbe(1.0), threeClassLabels());

        for (int k = 0; k < 3; k++) {
            assertCoefficients(coefficients[k], probe.coefficients()[k], REFERENCE_TOLERANCE);
            assertEquals(intercepts[k], probe.intercepts()[k], REFERENCE_TOLERANCE, "intercept " + k);
        }
    }

    @Test
    void kernelNewtonMatchesScikitLearn() {
        // Same command and values as binaryLbfgsMatchesScikitLearnAtCTen.
        double[] coefficients = {2.827240951994418, 2.947226132471267, -3.690650412338499};
        double intercept = 0.24043031389353073;

        FittedProbe probe = fit(rawProbe(10.0).withSolver(LogisticProbe.Solver.NEWTON_KERNEL), binaryLabels());

        assertCoefficients(coefficients, probe.coefficients()[0], REFERENCE_TOLERANCE);
        assertEquals(intercept, probe.intercepts()[0], REFERENCE_TOLERANCE, "intercept");
    }

    @Test
    void adamSolverApproachesScikitLearn() {
        // Same command and values as binaryLbfgsMatchesScikitLearnAtCHalf.
        double[] coefficients = {1.1617927902611418, 0.8747974537451244, -0.9897704059473771};
        double intercept = 0.062457591331317314;
        Optimizer adam = Optimizer.adam().withLearningRate(0.02).withEpochs(4000);

        FittedProbe probe = fit(rawProbe(0.5).withOptimizer(adam), binaryLabels());

        assertEquals(0, maxError(coefficients, probe), ADAM_TOLERANCE, "largest coefficient error");
        assertEquals(intercept, interceptOf(probe), ADAM_TOLERANCE, "intercept");
    }

    private static LogisticProbe rawProbe(double c) {
        return LogisticProbe.withDefaults().withC(c).withTolerance(1e-10).withStandardize(false);
    }

    /** Returns the weights of the Adam-trained network read back through its probabilities. */
    private static double maxError(double[] expected, FittedProbe probe) {
        double[] w = adamWeights(probe);
        double max = 0;
        for (int j = 0; j < expected.length; j++) {
            max = Math.max(max, Math.abs(expected[j] - w[j]));
        }
        return max;
    }

    private static double interceptOf(FittedProbe probe) {
        return logit(probe, new float[] {0, 0, 0});
    }

    private static double[] adamWeights(FittedProbe probe) {
        double b = interceptOf(probe);
        double[] w = new double[3];
        for (int j = 0; j < 3; j++) {
            float[] unit = new float[3];
            unit[j] = 1;
            w[j] = logit(probe, unit) - b;
        }
        return w;
    }

    private static double logit(FittedProbe probe, float[] row) {
        FeatureSet point = FeatureSet.builder().setFeatures(new float[][] {row}).setLabels(List.of("0")).build();
        double p = probe.probabilities(point, new int[] {0})[0][1];
        return Math.log(p / (1 - p));
    }

    private static FittedProbe fit(LogisticProbe config, List<String> labels) {
        FeatureSet data = FeatureSet.builder().setFeatures(features()).setLabels(labels).build();
        int[] rows = new int[data.size()];
        java.util.Arrays.setAll(rows, i -> i);
        LabelMap labelMap = data.labelMap();
        return ProbeTrainer.fit(config, data, rows, labelMap.indicesOf(labels), labelMap, 1L);
    }

    /** Returns the 40 × 3 features of the Python prefix, rounded to float32 as there. */
    static float[][] features() {
        float[][] x = new float[40][3];
        for (int i = 0; i < 40; i++) {
            x[i][0] = (float) (2 * Math.sin(0.37 * i));
            x[i][1] = (float) Math.cos(0.23 * i + 1);
            x[i][2] = (float) (((i * 7) % 11) / 5.0 - 1);
        }
        return x;
    }

    static List<String> binaryLabels() {
        float[][] x = features();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            boolean positive = (double) x[i][0] + x[i][1] - 0.8 * x[i][2] + 0.6 * Math.sin(1.7 * i) > 0;
            labels.add(positive ? "1" : "0");
        }
        return labels;
    }

    static List<String> threeClassLabels() {
        float[][] x = features();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String label = x[i][0] > 0.8 ? "2" : (x[i][1] + 0.3 * Math.sin(2.3 * i) > 0 ? "1" : "0");
            labels.add(label);
        }
        return labels;
    }

    private static void assertCoefficients(double[] expected, double[] actual, double tolerance) {
        assertEquals(expected.length, actual.length, "number of coefficients");
        for (int j = 0; j < expected.length; j++) {
            assertEquals(expected[j], actual[j], tolerance, "coefficient " + j);
        }
    }
}

package org.lens4j.probe.report.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.lens4j.probe.stats.ConfidenceInterval;
import org.lens4j.probe.stats.McNemarResult;
import org.lens4j.probe.stats.PermutationResult;
import org.lens4j.probe.stats.SelectivityResult;
import org.lens4j.probe.sweep.ControlResult;
import org.lens4j.probe.sweep.CrossValidation;
import org.lens4j.probe.sweep.LayerResult;
import org.lens4j.probe.sweep.Provenance;
import org.lens4j.probe.sweep.SweepResult;

/** Builds the JSON tree of a sweep result. */
public final class JsonTree {

    private JsonTree() {
    }

    /** Returns the JSON object of {@code result}. */
    public static JsonObject of(SweepResult result) {
        JsonObject root = new JsonObject();
        root.addProperty("libraryVersion", result.libraryVersion());
        root.addProperty("modelId", result.modelId());
        root.addProperty("seed", result.seed());
        root.addProperty("runIndex", result.runIndex());
        root.addProperty("elapsedSeconds", result.elapsed().toMillis() / 1000.0);
        root.addProperty("adjustment", result.adjustment().name());
        root.addProperty("permutationMode", result.permutationMode().name());
        root.addProperty("permutationProbe", result.permutationProbe());
        root.addProperty("alpha", result.alpha());
        root.addProperty("chanceLevel", result.chanceLevel());
        JsonObject recommended = new JsonObject();
        recommended.addProperty("module", result.recommended().module());
        recommended.addProperty("pooling", result.recommended().pooling());
        root.add("recommended", recommended);
        root.addProperty("selectionRule", result.selectionRule());
        JsonArray layers = new JsonArray();
        for (LayerResult layer : result.ranking()) {
            layers.add(layer(layer));
        }
        root.add("layers", layers);
        return root;
    }

    private static JsonObject layer(LayerResult layer) {
        JsonObject json = new JsonObject();
        json.addProperty("rank", layer.rank());
        json.addProperty("module", layer.layer().module());
        json.addProperty("pooling", layer.layer().pooling());
        json.addProperty("dimension", layer.dimension());
        json.addProperty("trainSize", layer.trainSize());
        json.addProperty("testSize", layer.testSize());
        json.addProperty("accuracy", layer.accuracy());
        json.add("accuracyInterval", interval(layer.accuracyInterval()));
        json.add("shuffledControl", control(layer.shuffled()));
        layer.controlTask().ifPresent(task -> json.add("controlTask", control(task)));
        json.add("permutation", permutation(layer.permutation(), layer.adjustedPValue()));
        json.add("crossValidation", crossValidation(layer.crossValidation()));
        json.add("provenance", provenance(layer.provenance()));
        return json;
    }

    private static JsonObject interval(ConfidenceInterval interval) {
        JsonObject json = new JsonObject();
        json.addProperty("lower", interval.lower());
        json.addProperty("upper", interval.upper());
        json.addProperty("confidenceLevel", interval.confidenceLevel());
        return json;
    }

    private static JsonObject control(ControlResult control) {
        JsonObject json = new JsonObject();
        json.addProperty("kind", control.kind().name());
        json.addProperty("accuracy", control.accuracy());
        json.add("accuracyInterval", interval(control.interval()));
        json.add("selectivity", selectivity(control.selectivity()));
        json.add("mcnemar", mcnemar(control.mainVersusControl()));
        return json;
    }

    private static JsonObject selectivity(SelectivityResult selectivity) {
        JsonObject json = new JsonObject();
        json.addProperty("value", selectivity.selectivity());
        json.add("interval", interval(selectivity.interval()));
        json.addProperty("method", "cluster bootstrap percentile");
        json.addProperty("resamples", selectivity.resamples());
        json.addProperty("groups", selectivity.groups());
        json.addProperty("seed", selectivity.seed());
        return json;
    }

    private static JsonObject mcnemar(McNemarResult mcnemar) {
        JsonObject json = new JsonObject();
        json.addProperty("statistic", mcnemar.statistic());
        json.addProperty("pValue", mcnemar.pValue());
        json.addProperty("method", mcnemar.method().name());
        json.addProperty("continuityCorrection", mcnemar.continuityCorrection());
        json.addProperty("mainOnlyCorrect", mcnemar.firstOnlyCorrect());
        json.addProperty("controlOnlyCorrect", mcnemar.secondOnlyCorrect());
        return json;
    }

    private static JsonObject permutation(PermutationResult permutation, double adjusted) {
        JsonObject json = new JsonObject();
        json.addProperty("statistic", permutation.statistic());
        json.addProperty("pValue", permutation.pValue());
        json.addProperty("adjustedPValue", adjusted);
        json.addProperty("exceedances", permutation.exceedances());
        json.addProperty("permutations", permutation.permutations());
        json.addProperty("minimumPValue", permutation.minimumPValue());
        json.addProperty("seed", permutation.seed());
        json.addProperty("alternative", permutation.alternative().name());
        json.addProperty("method", permutation.method().name());
        json.addProperty("exchangeableUnits", permutation.exchangeableUnits());
        return json;
    }

    private static JsonObject crossValidation(CrossValidation cv) {
        JsonObject json = new JsonObject();
        json.addProperty("folds", cv.folds());
        json.addProperty("mainAccuracy", cv.mainAccuracy());
        json.addProperty("controlAccuracy", cv.controlAccuracy());
        json.addProperty("selectivity", cv.selectivity());
        return json;
    }

    private static JsonObject provenance(Provenance provenance) {
        JsonObject json = new JsonObject();
        json.addProperty("libraryVersion", provenance.libraryVersion());
        json.addProperty("modelId", provenance.modelId());
        json.addProperty("module", provenance.module());
        json.addProperty("pooling", provenance.pooling());
        json.addProperty("seed", provenance.seed());
        json.addProperty("runIndex", provenance.runIndex());
        JsonArray labels = new JsonArray();
        provenance.labelMap().forEach(labels::add);
        json.add("labelMap", labels);
        json.addProperty("permutations", provenance.permutations());
        json.addProperty("probe", provenance.probe());
        json.addProperty("split", provenance.split());
        return json;
    }
}

package org.lens4j.examples.study;

import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.lens4j.core.LensRuntime;
import org.lens4j.core.capture.Capture;
import org.lens4j.core.capture.CaptureRequest;
import org.lens4j.core.capture.CaptureResult;
import org.lens4j.core.capture.CaptureSession;
import org.lens4j.core.capture.ModelInputs;
import org.lens4j.core.image.ImageDecoder;
import org.lens4j.core.pool.Pooling;
import org.lens4j.core.store.FeatureKey;
import org.lens4j.core.store.FeatureRow;
import org.lens4j.core.store.FeatureStore;
import org.lens4j.core.store.FeatureWriter;
import org.lens4j.core.store.RunInfo;
import org.lens4j.models.LensModel;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a model over labelled images and writes one pooled feature row per (image, module) into a
 * feature store. Images whose rows are all stored already are skipped, so an interrupted run
 * resumes where its last committed batch ended.
 */
public final class FeatureExtractor {

    private static final Logger LOG = LoggerFactory.getLogger(FeatureExtractor.class);

    private final LensModel model;
    private final CaptureRequest request;
    private final String defaultPrompt;
    private final int batchSize;
    private final ImageDecoder decoder = ImageDecoder.withDefaults();

    /**
     * Creates an extractor.
     *
     * @param model the model, with an input processor
     * @param request the modules and poolings to capture; a module without pooling stores its whole
     *     output per image, and then every forward pass runs one image
     * @param defaultPrompt the prompt for images that carry none
     * @param batchSize images per forward pass
     */
    public FeatureExtractor(LensModel model, CaptureRequest request, String defaultPrompt, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.model = model;
        this.request = request;
        this.defaultPrompt = defaultPrompt;
        this.batchSize = batchSize;
    }

    /**
     * Extracts the features of {@code images} into {@code store}.
     *
     * @return how many images were run and how many were skipped because their rows existed
     * @throws UncheckedIOException when an image cannot be read, naming the file
     */
    public Summary run(List<LabelledImage> images, FeatureStore store, RunInfo run, ProgressBar progress) {
        long started = System.nanoTime();
        int skipped = 0;
        int extracted = 0;
        try (CaptureSession session = CaptureSession.open(model.hookedModel(), request);
                FeatureWriter writer = store.writer(run)) {
            int perForward = anyUnpooled(session) ? 1 : batchSize;
            List<LabelledImage> pending = new ArrayList<>();
            for (LabelledImage image : images) {
                if (allStored(writer, session, image)) {
                    skipped++;
                    progress.advance(1);
                    continue;
                }
                pending.add(image);
                if (pending.size() == perForward) {
                    extracted += runBatch(session, writer, pending);
                    progress.advance(pending.size());
                    pending.clear();
                }
            }
            if (!pending.isEmpty()) {
                extracted += runBatch(session, writer, pending);
                progress.advance(pending.size());
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        LOG.info("extracted {} images ({} already stored) in {} ms", extracted, skipped, millis);
        return new Summary(extracted, skipped, millis);
    }

    /**
     * The outcome of one extraction.
     *
     * @param extracted images run through the model
     * @param skipped images whose rows were already stored
     * @param millis wall-clock time
     */
    public record Summary(int extracted, int skipped, long millis) {
    }

    private boolean allStored(FeatureWriter writer, CaptureSession session, LabelledImage image) {
        for (String module : session.modules()) {
            if (!writer.contains(key(image, module, session))) {
                return false;
            }
        }
        return true;
    }

    private int runBatch(CaptureSession session, FeatureWriter writer, List<LabelledImage> batch) {
        List<List<BufferedImage>> pixels = new ArrayList<>();
        List<String> prompts = new ArrayList<>();
        for (LabelledImage image : batch) {
            pixels.add(List.of(decode(image)));
            prompts.add(promptOf(image));
        }
        try (NDManager manager = LensRuntime.newManager()) {
            ModelInputs inputs = model.processor().process(manager, pixels, prompts);
            CaptureResult result = session.run(inputs);
            for (String module : session.modules()) {
                Capture capture = result.capture(module);
                INDArray rows = capture.data();
                if (session.poolingFor(module).pooling() == Pooling.NONE) {
                    writer.add(FeatureRow.of(key(batch.get(0), module, session), batch.get(0).label(), rows));
                    continue;
                }
                if (rows.rows() != batch.size()) {
                    throw new IllegalStateException("module " + module + " gave " + rows.rows() + " pooled rows for "
                            + batch.size() + " images; use a pooling that yields one row per image");
                }
                for (int i = 0; i < batch.size(); i++) {
                    INDArray row = rows.getRow(i).dup();
                    writer.add(FeatureRow.of(key(batch.get(i), module, session), batch.get(i).label(), row));
                }
            }
        }
        return batch.size();
    }

    private static boolean anyUnpooled(CaptureSession session) {
        return session.modules().stream().anyMatch(m -> session.poolingFor(m).pooling() == Pooling.NONE);
    }

    private FeatureKey key(LabelledImage image, String module, CaptureSession session) {
        return FeatureKey.of(image.imageId(), image.imagePath().toString(), promptOf(image), module,
                session.poolingFor(module).label());
    }

    private String promptOf(LabelledImage image) {
        return image.prompt() == null ? defaultPrompt : image.prompt();
    }

    private BufferedImage decode(LabelledImage image) {
        try {
            return decoder.decode(image.imagePath()).image().toBufferedImage();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read image " + image.imagePath() + ": " + e.getMessage(), e);
        }
    }
}

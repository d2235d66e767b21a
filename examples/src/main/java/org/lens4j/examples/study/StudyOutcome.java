package org.lens4j.examples.study;

import org.lens4j.probe.report.ReportFiles;
import org.lens4j.probe.sweep.SweepResult;

/**
 * The outputs of one study run.
 *
 * @param sweep the ranked layers and the recommended one
 * @param reportFiles the JSON, Markdown and PNG report files
 * @param extraction how many images were run and how many were already stored
 * @param images the number of images in the dataset
 * @param modelDescription the model the features came from, as the report names it
 * @param millis wall-clock time of the whole run
 */
public record StudyOutcome(SweepResult sweep, ReportFiles reportFiles, FeatureExtractor.Summary extraction, int images,
        String modelDescription, long millis) {
}

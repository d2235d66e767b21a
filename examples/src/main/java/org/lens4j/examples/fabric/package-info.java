/**
 * A controlled normal/defect fabric dataset: paired images that share every surface cue except one
 * synthetic defect, built from real woven-fabric textures when installed or from procedural weaves.
 */
package org.lens4j.examples.fabric;

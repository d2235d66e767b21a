/**
 * Image decoding to 8-bit RGB, PIL-compatible resampling and the image processors of the
 * supported model families.
 *
 * <p>{@link org.lens4j.core.image.ImageDecoder} turns PNG, JPEG, BMP and GIF files into an
 * {@link org.lens4j.core.image.RgbImage} with a recorded policy for alpha, 16-bit samples and EXIF
 * orientation. {@link org.lens4j.core.image.ImageOps} resizes exactly as Pillow does (8-bit
 * fixed-point, two passes) and crops and pads. Each {@code *ImageProcessor} reproduces one Hugging
 * Face image processor and returns a {@link org.lens4j.core.image.ProcessedImage}: float32 pixel
 * values in plain Java arrays with their shape, ready to be wrapped into a tensor.
 *
 * <pre>{@code
 * RgbImage image = ImageDecoder.withDefaults().decode(Path.of("cat.jpg")).image();
 * ImageProcessor processor = ImageProcessors.fromFolder(Path.of("Qwen2-VL-2B-Instruct"));
 * ProcessedImage out = processor.process(image);   // shape [patches, 1176], grid_thw [1, h, w]
 * }</pre>
 */
package org.lens4j.core.image;

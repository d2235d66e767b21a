/**
 * The YAML configuration files of {@code lens extract} and {@code lens probe}, with the keys that
 * VLM-Lens configurations use, so existing files work unchanged. Unknown keys are rejected by name.
 */
package org.lens4j.examples.cli.config;

/** Runnable examples of Lens4J and the {@code lens} command-line tool. */
package org.lens4j.examples;

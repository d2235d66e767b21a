/**
 * The {@code lens} command-line tool: list modules, extract features into a store, probe one
 * layer, sweep layers, and run the fabric study. Exit codes: 0 done, 2 invalid arguments or input,
 * 1 any other failure; errors are printed as one line naming the bad value.
 */
package org.lens4j.examples.cli;

/**
 * The feature store: captured features in one SQLite file per run, readable by VLM-Lens.
 *
 * <p>Write with {@link org.lens4j.core.store.FeatureStore#open FeatureStore.open(path)} and
 * {@link org.lens4j.core.store.FeatureStore#writer writer(run)}; read a layer's features as an
 * ND4J matrix with {@link org.lens4j.core.store.FeatureStore#features features(layer, pooling)}.
 * Databases written by VLM-Lens open with
 * {@link org.lens4j.core.store.FeatureStore#openReadOnly openReadOnly(path)}.
 *
 * <h2>Schema</h2>
 * Table {@code tensors}, one row per (input, module, pooling, call). The first twelve columns are
 * those VLM-Lens creates, so its probe code ({@code SELECT layer, tensor, label FROM tensors} and
 * {@code torch.load} of the blob) reads a store written with the {@code torch} codec.
 * <table>
 *   <caption>Columns of {@code tensors}</caption>
 *   <tr><th>column</th><th>type</th><th>content</th></tr>
 *   <tr><td>id</td><td>INTEGER PRIMARY KEY</td><td>row id; reads order by it</td></tr>
 *   <tr><td>name</td><td>TEXT NOT NULL</td><td>model id or path</td></tr>
 *   <tr><td>architecture</td><td>TEXT NOT NULL</td><td>model family</td></tr>
 *   <tr><td>timestamp</td><td>TEXT NOT NULL</td><td>ISO-8601 UTC instant the row was added,
 *       such as {@code 2025-06-01T09:30:12.345Z}</td></tr>
 *   <tr><td>image_path</td><td>TEXT NULL</td><td>image file as the dataset names it</td></tr>
 *   <tr><td>image_id</td><td>TEXT NULL</td><td>dataset image id (VLM-Lens declares INTEGER)</td></tr>
 *   <tr><td>prompt</td><td>TEXT NOT NULL</td><td>text prompt</td></tr>
 *   <tr><td>label</td><td>TEXT NULL</td><td>class label as text</td></tr>
 *   <tr><td>layer</td><td>TEXT NOT NULL</td><td>module name from {@code named_modules()}</td></tr>
 *   <tr><td>pooling_method</td><td>TEXT NOT NULL</td><td>pooling name; VLM-Lens allows NULL</td></tr>
 *   <tr><td>tensor_dim</td><td>INTEGER NOT NULL</td><td>last dimension of the tensor
 *       (1 for 0-D)</td></tr>
 *   <tr><td>tensor</td><td>BLOB NOT NULL</td><td>the tensor, encoded by {@code codec}</td></tr>
 *   <tr><td>dtype</td><td>TEXT NOT NULL</td><td>{@code float32}, {@code float64},
 *       {@code float16}, {@code bfloat16}, {@code int64}, {@code int32}, {@code int16},
 *       {@code int8}, {@code uint8} or {@code bool}</td></tr>
 *   <tr><td>shape</td><td>TEXT NOT NULL</td><td>shape as a JSON array, such as
 *       {@code [1, 1536]}</td></tr>
 *   <tr><td>codec</td><td>TEXT NOT NULL</td><td>{@code npy} or {@code torch}</td></tr>
 *   <tr><td>call_index</td><td>INTEGER NOT NULL</td><td>call of the module within one forward
 *       pass, from 0</td></tr>
 *   <tr><td>model_revision</td><td>TEXT NULL</td><td>checkpoint revision</td></tr>
 *   <tr><td>run_id</td><td>TEXT NOT NULL</td><td>run that wrote the row</td></tr>
 * </table>
 * The unique index {@code tensors_key} on {@code (name, ifnull(image_id, ''),
 * ifnull(image_path, ''), prompt, layer, pooling_method, call_index)} makes writers skip rows that
 * exist ({@code INSERT OR IGNORE}); {@code tensors_layer} on {@code (layer, pooling_method)}
 * serves the reads. Table {@code runs} ({@code run_id} primary key, {@code model_id},
 * {@code architecture}, {@code model_revision}, {@code library_version}, {@code seed},
 * {@code codec}, {@code started_at}) records each writer's run, and {@code PRAGMA user_version}
 * is 1.
 *
 * <h2>Connections</h2>
 * Every connection sets {@code busy_timeout} (default 30 s), then {@code journal_mode=WAL} and
 * {@code synchronous=NORMAL}, as separate statements. Writers insert
 * {@link org.lens4j.core.store.StoreOptions#batchSize()} rows (default 256) per
 * {@code BEGIN IMMEDIATE ... COMMIT} transaction and retry a batch SQLite still reports busy.
 *
 * <h2>Blobs</h2>
 * {@link org.lens4j.core.store.TensorCodec#NPY} (default) writes NumPy {@code .npy} version 1.0,
 * little-endian, C order; {@link org.lens4j.core.store.TensorCodec#TORCH} writes the zip layout
 * of {@code torch.save} for one tensor. Reading checks each blob's data length against its shape
 * and dtype, and against the {@code shape} and {@code dtype} columns.
 */
package org.lens4j.core.store;

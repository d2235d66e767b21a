package org.lens4j.models;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The known {@link ModelAdapter}s, by id.
 *
 * <p>Adapters listed in {@code META-INF/services/org.lens4j.models.ModelAdapter} are discovered
 * with {@link ServiceLoader} on the first lookup, not before; explicit registration works with or
 * without discovery. Two adapters with the same id are an error that names both classes. An
 * application that embeds Lens4J and wants only its own adapters turns discovery off with
 * {@link #withoutDiscovery()}, or for {@link #standard()} with the system property
 * {@value #DISCOVERY_PROPERTY}{@code =false}.
 *
 * <pre>{@code
 * ModelAdapter adapter = AdapterRegistry.standard().forConfig(ModelConfig.read(folder));
 * AdapterRegistry mine = AdapterRegistry.withoutDiscovery().register(new MyAdapter());
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class AdapterRegistry {

    /** System property that turns discovery off for {@link #standard()} when set to {@code false}. */
    public static final String DISCOVERY_PROPERTY = "lens4j.adapters.discovery";

    private static final Logger LOG = LoggerFactory.getLogger(AdapterRegistry.class);
    private static final class Standard {
        static final AdapterRegistry INSTANCE = new AdapterRegistry(
                !"false".equalsIgnoreCase(System.getProperty(DISCOVERY_PROPERTY)),
                AdapterRegistry.class.getClassLoader());
    }

    private final boolean discovery;
    private final ClassLoader loader;
    private final Map<String, ModelAdapter> byId = new LinkedHashMap<>();
    private boolean discovered;

    private AdapterRegistry(boolean discovery, ClassLoader loader) {
        this.discovery = discovery;
        this.loader = loader;
    }

    /**
     * Returns the shared registry, with discovery on the class path of Lens4J unless the system
     * property {@value #DISCOVERY_PROPERTY} is {@code false} when this method is first called.
     */
    public static AdapterRegistry standard() {
        return Standard.INSTANCE;
    }

    /** Returns a new registry that discovers the adapters visible to {@code loader}. */
    public static AdapterRegistry withDiscovery(ClassLoader loader) {
        return new AdapterRegistry(true, Objects.requireNonNull(loader, "loader"));
    }

    /** Returns a new registry that holds only the adapters registered explicitly. */
    public static AdapterRegistry withoutDiscovery() {
        return new AdapterRegistry(false, null);
    }

    /** Returns whether this registry discovers adapters with {@link ServiceLoader}. */
    public boolean discoveryEnabled() {
        return discovery;
    }

    /**
     * Registers an adapter and returns this registry. Discovery runs first, so a clash with a
     * discovered adapter is reported here and not at a later lookup.
     *
     * @throws IllegalArgumentException when an adapter with the same id is already known, naming
     *     both classes
     */
    public synchronized AdapterRegistry register(ModelAdapter adapter) {
        Objects.requireNonNull(adapter, "adapter");
        discoverOnce();
        add(adapter, "registered");
        return this;
    }

    /** Returns every known adapter, sorted by id; the first call runs discovery. */
    public synchronized List<ModelAdapter> adapters() {
        discoverOnce();
        return List.copyOf(new TreeMap<>(byId).values());
    }

    /** Returns the ids of every known adapter, sorted. */
    public List<String> ids() {
        List<String> out = new ArrayList<>();
        for (ModelAdapter adapter : adapters()) {
            out.add(adapter.id());
        }
        return out;
    }

    /** Returns the adapter with that id, if known. */
    public synchronized Optional<ModelAdapter> find(String id) {
        discoverOnce();
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * Returns the adapter with that id.
     *
     * @throws IllegalArgumentException listing the known ids when none has that id
     */
    public ModelAdapter require(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("no model adapter with id '" + id
                + "'; known ids: " + ids()));
    }

    /**
     * Returns the one adapter that accepts the configuration.
     *
     * @throws IllegalArgumentException when no adapter accepts it, naming its {@code model_type} and
     *     {@code architectures} and listing the supported ids; or when several accept it, naming them
     */
    public ModelAdapter forConfig(ModelConfig config) {
        Objects.requireNonNull(config, "config");
        List<ModelAdapter> accepting = new ArrayList<>();
        for (ModelAdapter adapter : adapters()) {
            if (adapter.accepts(config)) {
                accepting.add(adapter);
            }
        }

        if (accepting.size() == 1) {
            return accepting.get(0);
        }
        String described = "model_type '" + config.modelType().orElse("<missing>") + "', architectures "
                + config.getArray("architectures").map(Object::toString).orElse("<missing>")
                + " (" + config.source() + ")";
        if (accepting.isEmpty()) {
            throw new IllegalArgumentException("no model adapter accepts " + described + "; supported model"
                    + " types: " + ids() + (discovery ? "" : " (discovery is off; register the adapter)"));
        }
        List<String> names = new ArrayList<>();
        for (ModelAdapter adapter : accepting) {
            names.add(adapter.id() + " (" + adapter.getClass().getName() + ")");
        }
        throw new IllegalArgumentException("several model adapters accept " + described + ": " + names
                + "; load with an explicit adapter id");
    }

    private void discoverOnce() {
        if (!discovery || discovered) {
            return;
        }
        discovered = true;
        List<String> found = new ArrayList<>();
        Iterator<ModelAdapter> iterator = ServiceLoader.load(ModelAdapter.class, loader).iterator();
        try {
            while (iterator.hasNext()) {
                ModelAdapter adapter = iterator.next();
                add(adapter, "discovered");
                found.add(adapter.id());
            }
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("model adapter discovery failed: " + e.getMessage()
                    + "; check META-INF/services/" + ModelAdapter.class.getName(), e);
        }
        LOG.debug("discovered {} model adapters: {}", found.size(), found);
    }

    private void add(ModelAdapter adapter, String origin) {
        String id = Objects.requireNonNull(adapter.id(), () -> adapter.getClass().getName() + ".id()");
        ModelAdapter existing = byId.get(id);
        if (existing != null) {
            throw new IllegalArgumentException("duplicate model adapter id '" + id + "': "
                    + existing.getClass().getName() + " and " + adapter.getClass().getName() + " (" + origin
                    + "); each adapter needs a unique id");
        }
        byId.put(id, adapter);
    }
}

package org.lens4j.core.module;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Factory and default implementation of {@link ModuleTree}. */
public final class ModuleTrees {

    private ModuleTrees() {
    }

    /**
     * Builds a tree from modules in {@code named_modules()} order.
     *
     * @throws IllegalArgumentException when a name appears twice
     */
    public static ModuleTree of(List<ModuleInfo> modules, List<LayoutAlias> aliases) {
        return new ListModuleTree(modules, aliases);
    }

    private static final class ListModuleTree implements ModuleTree {
        private final Map<String, ModuleInfo> byName = new LinkedHashMap<>();
        private final List<String> names;
        private final List<LayoutAlias> aliases;

        ListModuleTree(List<ModuleInfo> modules, List<LayoutAlias> aliases) {
            for (ModuleInfo module : modules) {
                if (byName.putIfAbsent(module.name(), module) != null) {
                    throw new IllegalArgumentException("duplicate module name '" + module.name() + "'");
                }
            }
            this.names = Collections.unmodifiableList(new ArrayList<>(byName.keySet()));
            this.aliases = List.copyOf(aliases);
        }

        @Override
        public List<String> names() {
            return names;
        }

        @Override
        public Optional<ModuleInfo> find(String name) {
            return Optional.ofNullable(byName.get(name));
        }

        @Override
        public List<LayoutAlias> aliases() {
            return aliases;
        }

        @Override
        public List<String> select(List<String> patterns) {
            return ModuleSelector.select(this, patterns);
        }
    }
}

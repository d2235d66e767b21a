package org.lens4j.models.blocks.internal;

import java.util.ArrayList;
import java.util.List;
import org.lens4j.core.module.ModuleInfo;
import org.lens4j.core.module.ModuleKind;

/** Collects {@link ModuleInfo} entries in {@code named_modules()} order. */
public final class ModuleListing {

    private final List<ModuleInfo> modules = new ArrayList<>();

    /** Appends one module. */
    public ModuleListing add(String name, String type, ModuleKind kind) {
        modules.add(new ModuleInfo(name, type, kind));
        return this;
    }

    /** Returns the modules collected so far, in insertion order. */
    public List<ModuleInfo> modules() {
        return List.copyOf(modules);
    }

    /** Joins a dotted prefix and a child name; an empty prefix yields the child alone. */
    public static String join(String prefix, String child) {
        return prefix.isEmpty() ? child : prefix + "." + child;
    }
}

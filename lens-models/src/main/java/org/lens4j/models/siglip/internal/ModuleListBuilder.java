package org.lens4j.models.siglip.internal;

import java.util.ArrayList;
import java.util.List;
import org.lens4j.core.module.ModuleInfo;
import org.lens4j.core.module.ModuleKind;

/** Collects {@link ModuleInfo} entries in {@code named_modules()} order. */
public final class ModuleListBuilder {

    private final List<ModuleInfo> modules = new ArrayList<>();

    /** Appends one module. */
    public ModuleListBuilder add(String name, String type, ModuleKind kind) {
        modules.add(new ModuleInfo(name, type, kind));
        return this;
    }

    /** Returns the modules added so far. */
    public List<ModuleInfo> modules() {
        return List.copyOf(modules);
    }

    /** Joins a parent name and a child name with a dot; the root {@code ""} has no dot. */
    public static String child(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }
}

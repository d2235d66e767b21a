package org.lens4j.core.module;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Pattern matching over module names. */
final class ModuleSelector {

    private ModuleSelector() {
    }

    // Placeholder: exact names only. Globs, regex, aliases and nearest-name errors come next.
    static List<String> select(ModuleTree tree, Map<String, ModuleInfo> byName, List<String> patterns) {
        List<String> out = new ArrayList<>();
        for (String pattern : patterns) {
            if (!byName.containsKey(pattern)) {
                throw new IllegalArgumentException("no module matches '" + pattern + "'");
            }
            if (!out.contains(pattern)) {
                out.add(pattern);
            }
        }
        return out;
    }
}

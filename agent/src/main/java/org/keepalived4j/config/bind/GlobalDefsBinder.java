package org.keepalived4j.config.bind;

import org.keepalived4j.config.model.GlobalDefs;

/** global_defs and the global keywords. */
final class GlobalDefsBinder {
    static void register(BlockGrammar<ConfigBinder.TopLevel> top) {
        // issue 2: global_defs { ... }
    }

    static GlobalDefs defaults() {
        throw new UnsupportedOperationException("issue 2");
    }

    GlobalDefs build(BindContext ctx) {
        return GlobalDefsBinder.defaults();
    }
}

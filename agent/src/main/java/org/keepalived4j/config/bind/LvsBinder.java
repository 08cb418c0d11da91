package org.keepalived4j.config.bind;

import org.keepalived4j.config.model.GlobalDefs;
import org.keepalived4j.config.model.lvs.LvsConfig;

/** virtual_server_group, virtual_server, real_server and checkers. */
final class LvsBinder {
    static void register(BlockGrammar<ConfigBinder.TopLevel> top) {
        // issue 2
    }

    LvsConfig build(GlobalDefs global, BindContext ctx) {
        return LvsConfig.empty();
    }
}

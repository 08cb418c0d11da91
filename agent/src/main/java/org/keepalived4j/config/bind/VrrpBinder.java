package org.keepalived4j.config.bind;

import org.keepalived4j.config.model.GlobalDefs;
import org.keepalived4j.config.model.vrrp.VrrpConfig;

/** static_ipaddress/routes/rules, vrrp_script, track_file, vrrp_track_process, vrrp_sync_group, vrrp_instance. */
final class VrrpBinder {
    static void register(BlockGrammar<ConfigBinder.TopLevel> top) {
        // issue 2
    }

    VrrpConfig build(GlobalDefs global, BindContext ctx) {
        return VrrpConfig.empty();
    }
}

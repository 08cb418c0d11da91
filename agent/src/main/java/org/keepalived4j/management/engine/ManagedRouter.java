package org.keepalived4j.management.engine;

import org.keepalived4j.management.InstanceSettings;
import org.keepalived4j.vrrp.VrrpRouter;

/**
 * A running router handed to the management layer, with what the engine does not know about itself.
 *
 * @param router the engine instance (its {@code settings()} hold the configuration file's values)
 * @param interfaceName interface it runs on, "" if unknown
 * @param syncGroup vrrp_sync_group it belongs to, null if none
 * @param settings its configured settings, null if not known
 */
public record ManagedRouter(VrrpRouter router, String interfaceName, String syncGroup, InstanceSettings settings) {
    public ManagedRouter(VrrpRouter router, String interfaceName) {
        this(router, interfaceName, null, null);
    }

    public ManagedRouter(VrrpRouter router, String interfaceName, String syncGroup) {
        this(router, interfaceName, syncGroup, null);
    }
}

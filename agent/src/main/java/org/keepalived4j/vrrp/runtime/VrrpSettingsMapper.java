package org.keepalived4j.vrrp.runtime;

import java.util.List;
import org.keepalived4j.config.model.KeepalivedConfig;

/**
 * Model (vrrp_instance + global_defs) to {@link VrrpInstanceSpec}s. The VRRP configuration model
 * ({@code config.model.vrrp}) is still an empty record on this branch, so there is nothing to map yet: every
 * configuration yields no instances until the model lands.
 */
public final class VrrpSettingsMapper {
    private VrrpSettingsMapper() {
    }

    public static List<VrrpInstanceSpec> instances(KeepalivedConfig config) {
        return List.of();
    }
}

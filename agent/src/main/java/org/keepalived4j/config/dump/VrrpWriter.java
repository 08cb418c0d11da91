package org.keepalived4j.config.dump;

import org.keepalived4j.config.model.vrrp.VrrpConfig;

final class VrrpWriter {
    private VrrpWriter() {}

    static void write(VrrpConfig model, ConfText out) {
        // issue 2
    }
}

package org.keepalived4j.config.dump;

import org.keepalived4j.config.model.lvs.LvsConfig;

final class LvsWriter {
    private LvsWriter() {}

    static void write(LvsConfig model, ConfText out) {
        // issue 2
    }
}

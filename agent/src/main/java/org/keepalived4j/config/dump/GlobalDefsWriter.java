package org.keepalived4j.config.dump;

import org.keepalived4j.config.model.GlobalDefs;

final class GlobalDefsWriter {
    private GlobalDefsWriter() {}

    static void write(GlobalDefs model, ConfText out) {
        // issue 2
    }
}

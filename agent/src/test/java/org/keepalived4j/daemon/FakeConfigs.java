package org.keepalived4j.daemon;

import java.util.List;
import org.keepalived4j.config.ConfigLoader;
import org.keepalived4j.config.Diagnostic;
import org.keepalived4j.config.model.KeepalivedConfig;

/** Load results for tests of the CLI, which must not depend on the reader and binders. */
final class FakeConfigs {
    private FakeConfigs() {}

    /**
     * A distinct configuration object per call: the daemon only hands it to subsystems, so tests compare
     * identities. Its parts are left null on purpose; nothing in the daemon looks inside.
     */
    static KeepalivedConfig opaqueConfig() {
        return new KeepalivedConfig(null, null, null);
    }

    static ConfigLoader.Result result(List<Diagnostic> diagnostics) {
        return new ConfigLoader.Result(opaqueConfig(), diagnostics);
    }
}

package org.keepalived4j.daemon;

import java.nio.file.Path;
import org.keepalived4j.config.ConfigLoader;
import org.keepalived4j.config.HostEnvironment;
import org.keepalived4j.config.syntax.ReadOptions;

/** Where the daemon and the one-shot commands get a configuration from; tests substitute their own. */
@FunctionalInterface
public interface ConfigSource {
    ConfigLoader.Result load(Path file);

    /** The real loader, reading {@code @ID} lines for {@code -i} (default: the short host name, as keepalived). */
    static ConfigSource forCommandLine(CommandLine commandLine) {
        ReadOptions options = commandLine.configId().map(ReadOptions::new).orElseGet(ReadOptions::defaults);
        return file -> ConfigLoader.load(file, options, HostEnvironment.system());
    }
}

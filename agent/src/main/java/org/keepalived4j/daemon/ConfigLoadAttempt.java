package org.keepalived4j.daemon;

import java.nio.file.Files;
import java.nio.file.Path;
import org.keepalived4j.config.ConfigLoader;

/**
 * One attempt to load the configuration file. A missing file is not a loader finding but its own outcome,
 * because keepalived treats it apart ({@code -t} exits 0, the daemon exits 6); a loader that throws is
 * caught here so that no command ends with a stack trace.
 */
public sealed interface ConfigLoadAttempt {
    Path file();

    record Loaded(Path file, ConfigLoader.Result result) implements ConfigLoadAttempt {}

    record Missing(Path file) implements ConfigLoadAttempt {
        /** keepalived's wording. */
        public String message() {
            return "Config files missing '" + file + "'.";
        }
    }

    record Failed(Path file, RuntimeException cause) implements ConfigLoadAttempt {
        public String message() {
            return "internal error while reading " + file + ": " + cause;
        }
    }

    static ConfigLoadAttempt load(ConfigSource source, Path file) {
        if (!Files.exists(file)) {
            return new Missing(file);
        }
        try {
            return new Loaded(file, source.load(file));
        } catch (RuntimeException e) {
            return new Failed(file, e);
        }
    }
}

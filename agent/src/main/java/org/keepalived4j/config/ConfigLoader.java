package org.keepalived4j.config;

import java.nio.file.Path;
import java.util.List;
import org.keepalived4j.config.bind.BindContext;
import org.keepalived4j.config.bind.ConfigBinder;
import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.config.syntax.ConfigNode;
import org.keepalived4j.config.syntax.ConfigReader;
import org.keepalived4j.config.syntax.ReadOptions;

/** Reads, binds and validates a configuration: the one entry point for the daemon, -t, -d and tests. */
public final class ConfigLoader {
    /** The model (always present; parts with errors are left out or defaulted) and every finding. */
    public record Result(KeepalivedConfig config, List<Diagnostic> diagnostics) {
        public boolean hasErrors() {
            return diagnostics.stream().anyMatch(d -> d.severity().isError());
        }
    }

    private ConfigLoader() {}

    public static Result load(Path file, ReadOptions options, HostEnvironment host) {
        Diagnostics diagnostics = new Diagnostics();
        List<ConfigNode> statements = ConfigReader.read(file, options, diagnostics);
        return bind(statements, diagnostics, host);
    }

    public static Result loadString(String text, Path pretendFile, ReadOptions options, HostEnvironment host) {
        Diagnostics diagnostics = new Diagnostics();
        List<ConfigNode> statements = ConfigReader.readString(text, pretendFile, options, diagnostics);
        return bind(statements, diagnostics, host);
    }

    private static Result bind(List<ConfigNode> statements, Diagnostics diagnostics, HostEnvironment host) {
        KeepalivedConfig config = ConfigBinder.bind(statements, new BindContext(diagnostics, host));
        return new Result(config, diagnostics.all());
    }
}

package org.keepalived4j.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.keepalived4j.config.syntax.ReadOptions;

/** Loading configuration text in tests and looking at the findings. */
final class ConfTestSupport {
    private ConfTestSupport() {}

    static ConfigLoader.Result load(String text) {
        return load(text, HostEnvironment.permissive());
    }

    static ConfigLoader.Result load(String text, HostEnvironment host) {
        return ConfigLoader.loadString(text, Path.of("test.conf"), new ReadOptions("host"), host);
    }

    static List<String> errors(ConfigLoader.Result r) {
        return r.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR).map(Diagnostic::toString).toList();
    }

    static List<String> warnings(ConfigLoader.Result r) {
        return r.diagnostics().stream().filter(d -> d.severity() == Severity.WARNING).map(Diagnostic::toString).toList();
    }

    /** Exactly one finding of that severity on that line, containing the text. */
    static void assertFinding(ConfigLoader.Result r, Severity severity, int line, String text) {
        assertThat(r.diagnostics())
                .as("findings: %s", r.diagnostics())
                .anySatisfy(d -> {
                    assertThat(d.severity()).isEqualTo(severity);
                    assertThat(d.where().line()).isEqualTo(line);
                    assertThat(d.toString()).startsWith("test.conf:" + line + ": " + severity.label() + ": ").contains(text);
                });
    }

    /** A permissive host where only the named interfaces exist. */
    static HostEnvironment hostWith(String... interfaces) {
        List<String> names = List.of(interfaces);
        return new PermissiveHostEnvironment() {
            @Override
            public boolean interfaceExists(String name) {
                return names.contains(name);
            }
        };
    }
}

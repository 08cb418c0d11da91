package org.keepalived4j.config.conformance;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.keepalived4j.config.ConfigLoader;
import org.keepalived4j.config.Diagnostic;
import org.keepalived4j.config.HostEnvironment;
import org.keepalived4j.config.Severity;
import org.keepalived4j.config.syntax.ReadOptions;

/** Our side of a comparison: ConfigLoader's result for one file, with helpers for assertions. */
record LoaderRun(Path file, ConfigLoader.Result result) {
    /** Loads with a time bound: a load that does not return is reported as a failure instead of hanging the build. */
    static LoaderRun load(Path file, String configId, HostEnvironment host) {
        return new LoaderRun(file, Bounded.call(() -> ConfigLoader.load(file, new ReadOptions(configId), host), LOAD_LIMIT,
                "ConfigLoader.load(" + file.getFileName() + ")"));
    }

    static final java.time.Duration LOAD_LIMIT = java.time.Duration.ofSeconds(10);

    /** keepalived -t's exit code for our findings, by keepalived 2.2.7's measured precedence: 6 over 5 over 4. */
    int impliedExitCode() {
        java.util.Set<Severity> kinds = result.diagnostics().stream().map(Diagnostic::severity).collect(Collectors.toSet());
        if (kinds.contains(Severity.SCRIPT_SECURITY)) {
            return KeepalivedVerdict.SCRIPT_SECURITY;
        }
        if (kinds.contains(Severity.ERROR)) {
            return KeepalivedVerdict.ERRORS;
        }
        return kinds.contains(Severity.FATAL) ? KeepalivedVerdict.CANNOT_RUN : KeepalivedVerdict.ACCEPTED;
    }

    boolean hasErrors() {
        return result.hasErrors();
    }

    List<Diagnostic> errors() {
        return result.diagnostics().stream().filter(d -> d.severity().isError()).toList();
    }

    List<Diagnostic> warnings() {
        return result.diagnostics().stream().filter(d -> d.severity() == Severity.WARNING).toList();
    }

    boolean anyMessageMatches(Pattern pattern) {
        return result.diagnostics().stream().anyMatch(d -> pattern.matcher(d.message()).find());
    }

    /** Lines of {@code file} itself that our findings point at. */
    List<Integer> linesIn(Path f) {
        Path target = f.toAbsolutePath().normalize();
        return result.diagnostics().stream()
                .filter(d -> d.where().file() != null && d.where().file().toAbsolutePath().normalize().equals(target))
                .map(d -> d.where().line()).distinct().toList();
    }

    String describe() {
        if (result.diagnostics().isEmpty()) {
            return "keepalived4j: no findings";
        }
        return "keepalived4j: " + (hasErrors() ? "errors" : "warnings only") + "\n"
                + result.diagnostics().stream().map(d -> "    | " + d).collect(Collectors.joining("\n"));
    }
}

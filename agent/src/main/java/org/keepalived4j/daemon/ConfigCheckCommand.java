package org.keepalived4j.daemon;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.keepalived4j.config.Diagnostic;
import org.keepalived4j.config.dump.ConfigWriter;

/**
 * {@code -t} and {@code -d}: load the configuration once, print every finding ({@code file:line: error|warning:
 * message}) and, for {@code -d}, the effective configuration on stdout; exit with keepalived's config-test code.
 */
public final class ConfigCheckCommand {
    private final ConfigSource source;
    private final PrintStream out;
    private final PrintStream err;

    public ConfigCheckCommand(ConfigSource source, PrintStream out, PrintStream err) {
        this.source = source;
        this.out = out;
        this.err = err;
    }

    public int run(CommandLine commandLine) {
        ConfigLoadAttempt attempt = ConfigLoadAttempt.load(source, commandLine.configFile());
        if (attempt instanceof ConfigLoadAttempt.Missing missing) {
            err.println(missing.message());
            // keepalived 2.2.7 -t exits 0 for a missing file; a dump of nothing is a failure to load
            return commandLine.configTest() ? ConfigTestOutcome.VALID.exitCode() : ConfigTestOutcome.CANNOT_RUN.exitCode();
        }
        if (attempt instanceof ConfigLoadAttempt.Failed failed) {
            err.println(failed.message());
            return ExitCodes.CANNOT_START;
        }
        ConfigLoadAttempt.Loaded loaded = (ConfigLoadAttempt.Loaded) attempt;
        List<Diagnostic> diagnostics = loaded.result().diagnostics();
        printFindings(commandLine, diagnostics);
        if (commandLine.dumpConf()) {
            out.print(ConfigWriter.write(loaded.result().config()));
            out.flush();
        }
        return ConfigTestOutcome.of(diagnostics).exitCode();
    }

    /** To stderr, or to the {@code -t} file (created or truncated, as keepalived does). */
    private void printFindings(CommandLine commandLine, List<Diagnostic> diagnostics) {
        if (commandLine.configTest() && commandLine.configTestLog().isPresent()) {
            try {
                Files.write(commandLine.configTestLog().get(), diagnostics.stream().map(Diagnostic::toString).toList(),
                        StandardCharsets.UTF_8);
                return;
            } catch (IOException e) {
                err.println("Cannot write config test output to " + commandLine.configTestLog().get() + ": " + e.getMessage());
            }
        }
        diagnostics.forEach(d -> err.println(d));
        err.flush();
    }
}

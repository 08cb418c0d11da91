package org.keepalived4j.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.keepalived4j.config.syntax.ReadOptions;

/** Loading helpers shared by the LVS tests. */
final class LvsTestSupport {
    private LvsTestSupport() {}

    static ConfigLoader.Result load(String text) {
        return ConfigLoader.loadString(text, Path.of("test.conf"), new ReadOptions("host"), HostEnvironment.permissive());
    }

    /**
     * The findings rendered as keepalived4j prints them, less the one SECURITY VIOLATION that any configuration
     * with scripts but without enable_script_security gets (checked by ScriptSecurityCheckTest, not here).
     */
    /**
     * keepalived 2.2.7 reports every virtual server without lvs_sched; most test configurations leave it out, so
     * {@link #messages} leaves that finding out too (LvsBinderTest.keepalivedDefaultsWhenNothingIsSaid checks it).
     */
    static final String NO_SCHEDULER = "no scheduler set, setting default 'wlc'";

    static List<String> messages(ConfigLoader.Result result) {
        return result.diagnostics().stream().filter(d -> d.severity() != Severity.SCRIPT_SECURITY)
                .filter(d -> !d.message().equals(NO_SCHEDULER)).map(Diagnostic::toString).toList();
    }

    /** The script-security findings alone. */
    static List<String> scriptSecurityMessages(ConfigLoader.Result result) {
        return result.diagnostics().stream().filter(d -> d.severity() == Severity.SCRIPT_SECURITY).map(Diagnostic::toString).toList();
    }

    /**
     * Whether a line of a sample lies inside a virtual_server_group / virtual_server / SSL block, so that
     * the samples test judges only our area (the VRRP and global blocks belong to other binders).
     */
    static boolean isLvsLine(Path file, int line) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int depth = 0;
        boolean inLvs = false;
        for (int i = 0; i < lines.size() && i < line; i++) {
            String l = lines.get(i).replaceAll("[#!].*", "").strip();
            if (depth == 0) {
                inLvs = l.startsWith("virtual_server") || l.startsWith("SSL");
            }
            for (char ch : l.toCharArray()) {
                depth += ch == '{' ? 1 : ch == '}' ? -1 : 0;
            }
        }
        return inLvs;
    }
}

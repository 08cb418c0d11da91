package org.keepalived4j.config.conformance;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code keepalived -t} (Debian's 2.2.7) said about one file: exit code and output.
 *
 * <p>Exit codes as measured on 2.2.7 (they are one higher than keepalived(8) documents, because
 * the code's exit enum gained KEEPALIVED_EXIT_PROGRAM_ERROR = 2 without the man page following):
 * 0 = accepted (it may still print findings, e.g. "Config files missing" for a missing include);
 * 4 = cannot run (main file missing with -e); 5 = errors, but keepalived would run after
 * correcting them (every semantic and syntax error we tried); 6 = scripts configured without
 * enable_script_security (also: a missing include with -e); 128+N = killed by signal N (2.2.7
 * segfaults on an HTTP_GET url without a path).
 */
record KeepalivedVerdict(int exitCode, String output, boolean timedOut) {
    static final int ACCEPTED = 0;
    static final int CANNOT_RUN = 4;
    static final int ERRORS = 5;
    static final int SCRIPT_SECURITY = 6;

    private static final Pattern LOCATED = Pattern.compile("\\(([^()]+): Line (\\d+)\\)");

    /** keepalived refused the file or reported errors (including a crash while checking it). */
    boolean invalid() {
        return timedOut || exitCode != ACCEPTED;
    }

    boolean crashed() {
        return !timedOut && exitCode >= 128;
    }

    boolean scriptSecurity() {
        return exitCode == SCRIPT_SECURITY;
    }

    /** Accepted but with printed findings (e.g. a missing include without -e). */
    boolean acceptedWithFindings() {
        return exitCode == ACCEPTED && !output.isBlank();
    }

    /** The lines of {@code file} keepalived's messages point at, "(name: Line N)". */
    Set<Integer> linesNamedIn(Path file) {
        Set<Integer> lines = new LinkedHashSet<>();
        Matcher m = LOCATED.matcher(output);
        String name = file.getFileName().toString();
        while (m.find()) {
            Path named = Path.of(m.group(1).trim());
            if (named.getFileName() != null && named.getFileName().toString().equals(name)) {
                lines.add(Integer.parseInt(m.group(2)));
            }
        }
        return lines;
    }

    String describe() {
        String what = timedOut ? "timed out" : crashed() ? "crashed (signal " + (exitCode - 128) + ")"
                : switch (exitCode) {
                    case ACCEPTED -> output.isBlank() ? "accepted" : "accepted with findings";
                    case CANNOT_RUN -> "cannot run";
                    case ERRORS -> "errors";
                    case SCRIPT_SECURITY -> "script security";
                    default -> "exit " + exitCode;
                };
        return "keepalived -t: " + what + " (exit " + exitCode + ")" + (output.isBlank() ? "" : "\n" + distinctLines(output));
    }

    private static String distinctLines(String text) {
        return String.join("\n", new LinkedHashSet<>(text.lines().map(l -> "    | " + l).toList()));
    }
}

package org.keepalived4j.testlab;

import java.util.List;

/** The outcome of a bounded command run by {@link NetnsLab}. */
public record ExecResult(List<String> command, int exitCode, String stdout, String stderr) {
    public boolean ok() {
        return exitCode == 0;
    }

    @Override
    public String toString() {
        return String.join(" ", command) + " -> rc=" + exitCode
                + (stdout.isBlank() ? "" : "\nstdout: " + stdout.strip())
                + (stderr.isBlank() ? "" : "\nstderr: " + stderr.strip());
    }
}

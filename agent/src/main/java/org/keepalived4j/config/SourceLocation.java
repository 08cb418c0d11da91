package org.keepalived4j.config;

import java.nio.file.Path;

/** Where a configuration line came from; printed as {@code file:line} like a compiler does. */
public record SourceLocation(Path file, int line) {
    public static final SourceLocation UNKNOWN = new SourceLocation(Path.of("<unknown>"), 0);

    @Override
    public String toString() {
        return file + ":" + line;
    }
}

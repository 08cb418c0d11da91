package org.keepalived4j.config.syntax;

import java.nio.file.Path;
import java.util.List;
import org.keepalived4j.config.Diagnostics;

/**
 * Reads keepalived.conf text as keepalived 2.2.7 does: comments, quoting, include globs, @ID
 * conditionals, $NAME parameters, ~SEQ/~LST, blocks. Produces the statement tree; knows nothing
 * of keywords.
 */
public final class ConfigReader {
    private ConfigReader() {}

    /** Reads {@code file} and everything it includes. Problems go to {@code diagnostics} with their location. */
    public static List<ConfigNode> read(Path file, ReadOptions options, Diagnostics diagnostics) {
        throw new UnsupportedOperationException("issue 2: lexer not written yet");
    }

    /** Reads text as if it were the content of {@code pretendFile} (includes resolve relative to it). */
    public static List<ConfigNode> readString(String text, Path pretendFile, ReadOptions options, Diagnostics diagnostics) {
        throw new UnsupportedOperationException("issue 2: lexer not written yet");
    }
}

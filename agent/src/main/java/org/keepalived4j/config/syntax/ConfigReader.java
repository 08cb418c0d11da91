package org.keepalived4j.config.syntax;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.keepalived4j.config.Diagnostics;
import org.keepalived4j.config.SourceLocation;

/**
 * Reads keepalived.conf text as keepalived 2.2.7 does and produces the statement tree; knows nothing
 * of keywords. The stages, each its own class: {@link IncludeReader} (file lines, comments, include
 * resolution), {@link LinePreprocessor} (include stack, @ID conditionals, $NAME parameters via {@link ParameterTable},
 * ~SEQ/~LST via {@link SequenceExpander}, brace splitting), {@link Tokenizer} (words and double
 * quotes) and {@link TreeBuilder} (blocks). Every problem becomes a located diagnostic, never an exception.
 */
public final class ConfigReader {
    private ConfigReader() {}

    /** Reads {@code file} and everything it includes. Problems go to {@code diagnostics} with their location. */
    public static List<ConfigNode> read(Path file, ReadOptions options, Diagnostics diagnostics) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException | RuntimeException e) {
            diagnostics.error(new SourceLocation(file, 0), "cannot read configuration file: " + e.getMessage());
            return List.of();
        }
        return readString(IncludeReader.decode(bytes, file, diagnostics), file, options, diagnostics);
    }

    /** Reads text as if it were the content of {@code pretendFile} (includes resolve relative to it). */
    public static List<ConfigNode> readString(String text, Path pretendFile, ReadOptions options, Diagnostics diagnostics) {
        try {
            return TreeBuilder.build(new LinePreprocessor(text, pretendFile, options, diagnostics), diagnostics);
        } catch (RuntimeException e) {
            // a reader bug must not take the caller down: report it where we are
            diagnostics.error(new SourceLocation(pretendFile, 0), "internal error while reading the configuration: " + e);
            return List.of();
        }
    }
}

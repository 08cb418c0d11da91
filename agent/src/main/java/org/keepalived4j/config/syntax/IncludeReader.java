package org.keepalived4j.config.syntax;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.keepalived4j.config.Diagnostics;
import org.keepalived4j.config.SourceLocation;

/**
 * Reads one configuration file into decommented lines (blank lines kept as empty text: they end
 * multi-line {@code $NAME=} definitions), and resolves {@code include} lines to the files they name
 * with keepalived's include_check rules. The stack of open files lives in {@link LinePreprocessor},
 * because keepalived 2.2.7 recognises an include line after conditionals, parameters and ~SEQ
 * (observed: {@code $F=x.conf} then {@code include $F} includes x.conf, although keepalived.conf(5)
 * says otherwise).
 */
final class IncludeReader {
    /** keepalived's fgets(buf, MAXBUF): longer lines are read in pieces of MAXBUF - 1 characters. */
    static final int MAX_LINE = ParameterTable.MAXBUF - 1;
    /** keepalived recurses until it runs out of file descriptors; we stop earlier. */
    static final int MAX_DEPTH = 64;

    /** include_check options; see keepalived.conf(5) global_defs include_check. */
    enum Check { READABLE, MATCH, WILDCARD_MATCH, BRACE_MATCH }

    private final Diagnostics diagnostics;

    IncludeReader(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /**
     * Decodes file bytes as UTF-8. keepalived reads bytes, so a line that is not valid UTF-8 is decoded
     * as ISO-8859-1 instead (one character per byte, nothing lost) with a warning on that line.
     */
    static String decode(byte[] bytes, Path file, Diagnostics diagnostics) {
        try {
            return strictUtf8(bytes, 0, bytes.length);
        } catch (CharacterCodingException e) {
            StringBuilder out = new StringBuilder(bytes.length);
            int start = 0;
            int lineNo = 1;
            while (start <= bytes.length) {
                int end = start;
                while (end < bytes.length && bytes[end] != '\n') {
                    end++;
                }
                try {
                    out.append(strictUtf8(bytes, start, end - start));
                } catch (CharacterCodingException bad) {
                    diagnostics.warning(new SourceLocation(file, lineNo),
                            "line is not valid UTF-8; its bytes are read as ISO-8859-1 characters");
                    out.append(new String(bytes, start, end - start, StandardCharsets.ISO_8859_1));
                }
                if (end < bytes.length) {
                    out.append('\n');
                }
                start = end + 1;
                lineNo++;
            }
            return out.toString();
        }
    }

    private static String strictUtf8(byte[] bytes, int offset, int length) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, offset, length)).toString();
    }

    /** The decommented lines of one file. */
    List<SourceLine> lines(String text, Path file) {
        List<SourceLine> out = new ArrayList<>();
        if (text.startsWith("\uFEFF")) {
            diagnostics.warning(new SourceLocation(file, 1),
                    "file starts with a UTF-8 byte order mark, which keepalived reads as part of the first word");
        }
        String[] raw = text.split("\n", -1);
        int count = raw.length;
        if (count > 0 && raw[count - 1].isEmpty()) {
            count--; // text ending in a newline has no further line
        }
        for (int i = 0; i < count; i++) {
            SourceLocation where = new SourceLocation(file, i + 1);
            String line = raw[i];
            int end = line.length();
            while (end > 0 && (line.charAt(end - 1) == '\r' || line.charAt(end - 1) == '\n')) {
                end--;
            }
            line = line.substring(0, end);
            int nul = line.indexOf('\0');
            if (nul >= 0) {
                diagnostics.warning(where, "NUL character in line: keepalived ignores the rest of the line");
                line = line.substring(0, nul);
            }
            if (line.length() > MAX_LINE) {
                diagnostics.warning(where, "line longer than " + MAX_LINE
                        + " characters: keepalived reads it as several lines");
                for (int s = 0; s < line.length(); s += MAX_LINE) {
                    out.add(decommented(line.substring(s, Math.min(line.length(), s + MAX_LINE)), where));
                }
            } else {
                out.add(decommented(line, where));
            }
        }
        return out;
    }

    private SourceLine decommented(String rawLine, SourceLocation where) {
        Decommenter.Result d = Decommenter.decomment(rawLine);
        if (d.unterminatedQuote()) {
            diagnostics.error(where, "Unterminated quote '" + d.text() + "'");
        }
        return new SourceLine(d.text(), where);
    }

    /** The checks an include keyword adds, or null when it is not one. */
    static Set<Check> includeChecks(String keyword) {
        return switch (keyword) {
            case "include" -> EnumSet.noneOf(Check.class);
            case "includer" -> EnumSet.of(Check.READABLE);
            case "includem" -> EnumSet.of(Check.READABLE, Check.MATCH);
            case "includew" -> EnumSet.of(Check.READABLE, Check.WILDCARD_MATCH);
            case "includeb" -> EnumSet.of(Check.READABLE, Check.BRACE_MATCH);
            case "includea", "includet" -> EnumSet.allOf(Check.class);
            default -> null;
        };
    }

    void applyIncludeCheck(List<String> options, EnumSet<Check> checks, SourceLocation where) {
        if (options.isEmpty()) {
            checks.addAll(EnumSet.allOf(Check.class));
            return;
        }
        boolean add = true;
        for (String opt : options) {
            String name = opt;
            if (name.startsWith("+") || name.startsWith("-")) {
                add = name.startsWith("+");
                name = name.substring(1);
            }
            Check c = switch (name) {
                case "readable" -> Check.READABLE;
                case "match" -> Check.MATCH;
                case "wildcard_match" -> Check.WILDCARD_MATCH;
                case "brace_match" -> Check.BRACE_MATCH;
                default -> null;
            };
            if (c == null) {
                diagnostics.warning(where, "Unknown include_check type '" + opt + "' - ignoring");
            } else if (add) {
                checks.add(c);
                if (c != Check.READABLE) {
                    checks.add(Check.READABLE);
                }
            } else {
                checks.remove(c);
            }
        }
    }

    private void report(boolean error, SourceLocation where, String message) {
        if (error) {
            diagnostics.error(where, message);
        } else {
            diagnostics.warning(where, message);
        }
    }

    /** The files {@code pattern} names that can be read, in order; problems reported at {@code where}. */
    List<Path> resolve(String pattern, SourceLocation where, Path dir, Set<Check> checks) {
        List<Path> files = new ArrayList<>();
        List<IncludeGlob.Alternative> alternatives = IncludeGlob.expand(pattern, dir);
        boolean any = alternatives.stream().anyMatch(a -> !a.matches().isEmpty());
        if (!any) {
            boolean error = checks.contains(Check.WILDCARD_MATCH)
                    || (checks.contains(Check.MATCH) && !IncludeGlob.hasWildcard(pattern));
            report(error, where, "Config files missing '" + pattern + "'.");
            return files;
        }
        if (alternatives.size() > 1 && alternatives.stream().anyMatch(a -> a.matches().isEmpty())) {
            report(checks.contains(Check.BRACE_MATCH), where, "Some config files missing: \"" + pattern + "\".");
        }
        boolean readableCheck = checks.contains(Check.READABLE);
        for (IncludeGlob.Alternative alt : alternatives) {
            for (Path file : alt.matches()) {
                if (Files.isDirectory(file)) {
                    continue; // glob(GLOB_MARK) directories are skipped silently
                }
                if (!Files.isRegularFile(file) || Files.isExecutable(file)) {
                    report(readableCheck, where, "Configuration file '" + file
                            + "' is not a regular non-executable file - skipping");
                } else if (!Files.isReadable(file)) {
                    report(readableCheck, where, "Configuration file '" + file + "' open problem (not readable) - skipping");
                } else {
                    files.add(file);
                }
            }
        }
        return files;
    }

    /** The text of an included file, or null (reported) when it cannot be read. */
    String load(Path file, SourceLocation where, Set<Check> checks) {
        try {
            return decode(Files.readAllBytes(file), file, diagnostics);
        } catch (IOException | RuntimeException e) {
            report(checks.contains(Check.READABLE), where, "Configuration file '" + file + "' open problem ("
                    + e.getMessage() + ") - skipping");
            return null;
        }
    }
}

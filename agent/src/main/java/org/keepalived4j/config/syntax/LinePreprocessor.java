package org.keepalived4j.config.syntax;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.keepalived4j.config.Diagnostics;
import org.keepalived4j.config.SourceLocation;

/**
 * keepalived's {@code read_line()}: turns decommented file lines into the logical lines the parser
 * sees. In order: multi-line {@code $NAME= \} definitions collect following lines; {@code @ID} /
 * {@code @^ID} conditionals; {@code $NAME=value} definitions; {@code ~SEQ}/{@code ~LST} repeat the
 * rest of the line; parameter substitution (repeated while the line still holds a {@code $} or
 * starts with {@code @}); finally a line is cut before its first {@code {} or {@code }} outside
 * double quotes, so that braces always stand on logical lines of their own. A resulting line of
 * exactly two words starting with {@code include} (or a variant) is replaced by the included files,
 * read on a stack of open files so that each line keeps its own file and line number.
 * Lines produced by expansion carry the location of the line that produced them.
 */
final class LinePreprocessor {
    /**
     * Bound on nested multi-line parameter expansions: a multi-line parameter whose body uses itself
     * expands forever (keepalived 2.2.7 loops); a legitimate nesting is as deep as the chain of definitions.
     */
    static final int MAX_EXPANSION_DEPTH = 100;
    /**
     * Bound on the lines read in one load (file lines, included lines and generated lines together):
     * nested ~SEQ, includes that include themselves several times or recursive expansions would otherwise
     * produce unbounded work. Far above any real configuration (the 1,000-instance benchmark is ~50,000 lines).
     */
    static final int MAX_LINES = 2_000_000;

    /** A source of generated lines (one ~SEQ/~LST block or the remaining lines of a multi-line parameter). */
    private interface Generator {
        /** The next line, or null when done. */
        String next();
    }

    /** An open file: its remaining lines and the include_check setting while it is read. */
    private record OpenFile(Path file, Path directory, Iterator<SourceLine> lines, EnumSet<IncludeReader.Check> checks) {}

    /** One entry of the source stack: either a generator (with the location it reports) or an open file. */
    private record Source(Generator generator, SourceLocation where, OpenFile file, boolean expansion) {}

    private final IncludeReader files;
    private final ParameterTable params;
    private final String configId;
    private final Diagnostics diagnostics;
    private final Deque<Source> sources = new ArrayDeque<>();
    private SourceLine residue;
    private String multilineDef;
    private int linesRead;
    private int expansionDepth;
    /** Residues cut from the current line so far; substitution in a residue can make the line grow again. */
    private int residues;
    private boolean substitutionFailed;

    LinePreprocessor(String text, Path file, ReadOptions options, Diagnostics diagnostics) {
        this.configId = options.configId();
        this.diagnostics = diagnostics;
        this.params = new ParameterTable(configId);
        this.files = new IncludeReader(diagnostics);
        EnumSet<IncludeReader.Check> checks = options.allIncludesRequired()
                ? EnumSet.allOf(IncludeReader.Check.class) : EnumSet.noneOf(IncludeReader.Check.class);
        open(file, text, checks);
    }

    private void open(Path file, String text, EnumSet<IncludeReader.Check> checks) {
        sources.push(new Source(null, null, new OpenFile(file, file.toAbsolutePath().getParent(), files.lines(text, file).iterator(),
                checks), false));
    }

    /** The next logical line (never empty), or null at the end. */
    SourceLine next() {
        while (true) {
            SourceLine line = take();
            if (line == null) {
                return null;
            }
            String text = line.text();
            if (multilineDef != null) {
                collectMultiline(text);
                continue;
            }
            if (text.isEmpty()) {
                continue;
            }
            boolean fromResidue = residues > 0;
            substitutionFailed = false;
            text = process(text, line.where());
            if (fromResidue && substitutionFailed) {
                residue = null; // already reported for this line; its rest would only repeat the error
                continue;
            }
            if (text == null || text.isEmpty() || include(text, line.where())) {
                continue;
            }
            return splitBraces(new SourceLine(text, line.where()));
        }
    }

    private SourceLine take() {
        if (residue != null) {
            SourceLine r = residue;
            residue = null;
            // each cut removes at least one character of a line of at most MAXBUF: more cuts mean the line
            // regrows by substitution on every pass (e.g. $A=${A}${A}), which would never end
            if (++residues <= ParameterTable.MAXBUF) {
                return r;
            }
            diagnostics.error(r.where(), "parameter substitution makes the line grow on every pass (a parameter refers"
                    + " to itself?) - rest of the line ignored");
        }
        residues = 0;
        while (!sources.isEmpty()) {
            Source top = sources.peek();
            if (linesRead >= MAX_LINES) {
                SourceLocation where = top.where() != null ? top.where() : new SourceLocation(top.file().file(), 0);
                diagnostics.error(where, "the configuration expands to more than " + MAX_LINES
                        + " lines (nested ~SEQ, repeated includes or recursive parameters?) - reading stopped");
                sources.clear();
                return null;
            }
            if (top.generator() != null) {
                String t = top.generator().next();
                if (t != null) {
                    linesRead++;
                    return new SourceLine(t, top.where());
                }
            } else if (top.file().lines().hasNext()) {
                SourceLine l = top.file().lines().next();
                Path parent = top.file().directory();
                if (parent != null) {
                    params.setCurrentDirectory(parent); // keepalived chdir()s to the file's directory
                }
                linesRead++;
                return l;
            }
            if (sources.pop().expansion()) {
                expansionDepth--;
            }
        }
        return null;
    }

    private OpenFile currentFile() {
        for (Source s : sources) {
            if (s.file() != null) {
                return s.file();
            }
        }
        return null;
    }

    /** Handles include lines and include_check; true when the line was an include. */
    private boolean include(String text, SourceLocation where) {
        if (!text.startsWith("include")) {
            return false; // every include keyword (include, includer, ..., include_check) starts so: skip the split
        }
        List<String> words = Tokenizer.split(text).words();
        OpenFile current = currentFile();
        if (current == null || words.isEmpty()) {
            return false;
        }
        if (words.get(0).equals("include_check")) {
            files.applyIncludeCheck(words.subList(1, words.size()), current.checks(), where);
            return false; // the keyword stays in the tree for the binder
        }
        Set<IncludeReader.Check> added = words.size() == 2 ? IncludeReader.includeChecks(words.get(0)) : null;
        if (added == null) {
            return false;
        }
        EnumSet<IncludeReader.Check> checks = EnumSet.copyOf(current.checks());
        checks.addAll(added);
        Path dir = current.file().toAbsolutePath().getParent();
        List<Path> matches = files.resolve(words.get(1), where, dir, checks);
        long depth = sources.stream().filter(s -> s.file() != null).count();
        // push in reverse so that the first match is read first
        for (int i = matches.size() - 1; i >= 0; i--) {
            Path f = matches.get(i);
            if (depth >= IncludeReader.MAX_DEPTH) {
                diagnostics.error(where, "Configuration file '" + f + "' open problem (include nesting deeper than "
                        + IncludeReader.MAX_DEPTH + " files, include loop?) - skipping");
                continue;
            }
            String content = files.load(f, where, checks);
            if (content != null) {
                open(f, content, EnumSet.copyOf(checks));
            }
        }
        return true;
    }

    private void collectMultiline(String text) {
        String t = text;
        boolean more = t.endsWith("\\");
        if (more) {
            t = Decommenter.stripBlanks(t.substring(0, t.length() - 1)) + "\n";
        }
        if (t.length() >= 2 || (!t.isEmpty() && !more)) {
            params.appendToMultiline(multilineDef, t);
        }
        if (!more) {
            params.endMultiline(multilineDef);
            multilineDef = null;
        }
    }

    /** Conditionals, definitions, sequences and substitution; null when the line is consumed. */
    private String process(String text, SourceLocation where) {
        String buf = text;
        boolean recheck;
        int rounds = 0;
        do {
            recheck = false;
            if (buf.startsWith("@")) {
                buf = conditional(buf);
                if (buf == null) {
                    return null;
                }
            }
            if (buf.startsWith("$") && define(buf)) {
                return null;
            }
            if (SequenceExpander.isSequenceLine(buf)) {
                SequenceExpander.Parsed parsed = SequenceExpander.parse(buf, params);
                if (parsed.error() != null) {
                    diagnostics.error(where, parsed.error());
                } else {
                    sources.push(new Source(sequence(parsed.expansion()), where, null, false));
                }
                return null;
            }
            if (buf.startsWith("~")) {
                break;
            }
            if (buf.indexOf('$') >= 0) {
                ParameterTable.Substitution s = params.substitute(buf);
                if (s.error() != null) {
                    diagnostics.error(where, s.error());
                    substitutionFailed = true;
                }
                if (!s.restLines().isEmpty() && expansionDepth + s.restLines().size() > MAX_EXPANSION_DEPTH) {
                    diagnostics.error(where, "multi-line parameters nested deeper than " + MAX_EXPANSION_DEPTH
                            + " (a multi-line parameter uses itself?) on line '" + text + "' - not expanded further");
                    return null;
                }
                for (int i = s.restLines().size() - 1; i >= 0; i--) {
                    Iterator<String> it = s.restLines().get(i).iterator();
                    sources.push(new Source(() -> it.hasNext() ? it.next() : null, where, null, true));
                    expansionDepth++;
                }
                if (!s.changed() || s.error() != null) {
                    buf = s.text();
                    break;
                }
                buf = s.text();
                // keepalived re-reads comments in the consolidated copy: # or ! that substitution
                // produced (e.g. ${_HASH}) start a comment there (observed with keepalived -t)
                buf = Decommenter.decomment(buf).text();
                recheck = buf.startsWith("@") || buf.indexOf('$') >= 0;
            }
        } while (recheck && ++rounds < 1000);
        return buf;
    }

    /** {@code @ID rest} / {@code @^ID rest}: the rest when selected, null otherwise (also when nothing follows). */
    private String conditional(String buf) {
        boolean negate = buf.startsWith("@^");
        int ofs = negate ? 2 : 1;
        int blank = -1;
        for (int i = ofs; i < buf.length(); i++) {
            if (buf.charAt(i) == ' ' || buf.charAt(i) == '\t') {
                blank = i;
                break;
            }
        }
        if (blank < 0) {
            return null;
        }
        boolean matches = configId != null && buf.substring(ofs, blank).equals(configId);
        if (matches == negate) {
            return null;
        }
        return Decommenter.stripBlanks(buf.substring(blank));
    }

    /** {@code $NAME=value}: no blank before '=', blanks after it skipped; a trailing '\' starts a multi-line value. */
    private boolean define(String buf) {
        if (buf.length() < 2 || !(isAlpha(buf.charAt(1)) || buf.charAt(1) == '_')) {
            return false;
        }
        int p = 2;
        while (p < buf.length() && buf.charAt(p) != '=') {
            char c = buf.charAt(p);
            if (!(isAlpha(c) || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
            p++;
        }
        if (p >= buf.length()) {
            return false;
        }
        String name = buf.substring(1, p);
        p++;
        while (p < buf.length() && (buf.charAt(p) == ' ' || buf.charAt(p) == '\t')) {
            p++;
        }
        String value = buf.substring(p);
        if (value.endsWith("\\")) {
            String first = Decommenter.stripBlanks(value.substring(0, value.length() - 1));
            params.define(name, first.isEmpty() ? "" : first + "\n", true);
            multilineDef = name;
        } else {
            params.define(name, value, false);
        }
        return true;
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private Generator sequence(SequenceExpander.Expansion e) {
        Iterator<Map<String, String>> it = e.iterations().iterator();
        return () -> {
            if (!it.hasNext()) {
                return null;
            }
            it.next().forEach((k, v) -> params.define(k, v, false));
            return e.text();
        };
    }

    /** Cuts the line before the first brace outside double quotes (keepalived's line_residue). */
    private SourceLine splitBraces(SourceLine line) {
        String buf = line.text();
        int p = -1;
        if (buf.charAt(0) == '{' || buf.charAt(0) == '}') {
            p = 0;
        } else {
            int i = 0;
            while (i < buf.length()) {
                char c = buf.charAt(i);
                if (c == '{' || c == '}') {
                    p = i;
                    break;
                }
                if (c == '"') {
                    int close = buf.indexOf('"', i + 1);
                    if (close < 0) {
                        break;
                    }
                    i = close + 1;
                } else {
                    i++;
                }
            }
        }
        if (p < 0) {
            return line;
        }
        int cut = p == 0 ? 1 : p;
        String rest = Decommenter.stripBlanks(buf.substring(cut));
        if (!rest.isEmpty()) {
            residue = new SourceLine(rest, line.where());
        }
        return new SourceLine(Decommenter.stripBlanks(buf.substring(0, cut)), line.where());
    }
}

package org.keepalived4j.config.syntax;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The {@code $NAME} parameters of keepalived.conf and their substitution, following keepalived
 * 2.2.7's {@code find_definition()}/{@code replace_param()}: {@code $NAME} must be followed by a
 * blank, {@code ,}, {@code )} or the end of the line; {@code ${NAME}} may be followed by anything;
 * an undefined name stays as written; a multi-line definition is only expanded when its reference
 * ends the line. The replacement is done in a fixed {@value #MAXBUF}-byte buffer like keepalived's,
 * including its quirk with {@code ${_RANDOM MIN MAX}} (the text after the reference is not moved
 * back, leaving part of the reference in the line; observed with {@code keepalived -t}).
 */
final class ParameterTable {
    /** keepalived's MAXBUF: the longest line it handles. */
    static final int MAXBUF = 1024;
    /** Bound on replacements in one line: keepalived loops forever on {@code $A=$A}; we stop and report. */
    private static final int MAX_REPLACEMENTS = 10_000;

    private static final class Definition {
        final String name;
        String value;
        boolean multiline;
        Supplier<String> fn;
        final int maxParams;
        String params;

        Definition(String name, String value, boolean multiline, int maxParams) {
            this.name = name;
            this.value = value;
            this.multiline = multiline;
            this.maxParams = maxParams;
        }
    }

    /** Outcome of substituting one line. {@code restLines} are further lines of multi-line definitions, innermost first. */
    record Substitution(String text, boolean changed, List<List<String>> restLines, String error) {}

    private final Map<String, Definition> defs = new LinkedHashMap<>();
    private final Random random = new Random();
    private Path currentDirectory = Path.of(".").toAbsolutePath().normalize();

    ParameterTable(String configId) {
        addStandard("_PWD", () -> currentDirectory.toString(), 0);
        addStandard("_INSTANCE", () -> configId == null ? "" : configId, 0);
        Definition rnd = addStandard("_RANDOM", null, 2);
        rnd.fn = () -> randomValue(rnd.params);
        addStandard("_HASH", () -> "#", 0);
        addStandard("_BANG", () -> "!", 0);
    }

    private Definition addStandard(String name, Supplier<String> fn, int maxParams) {
        Definition d = new Definition(name, "", false, maxParams);
        d.fn = fn;
        defs.put(name, d);
        return d;
    }

    /** {@code ${_PWD}} is the directory of the file being read. */
    void setCurrentDirectory(Path dir) {
        currentDirectory = dir;
    }

    /** Defines or redefines {@code name} (also overriding a predefined one). */
    void define(String name, String value, boolean multiline) {
        Definition d = defs.get(name);
        if (d == null) {
            d = new Definition(name, value, multiline, 0);
            defs.put(name, d);
        }
        d.value = value;
        d.multiline = multiline;
        d.fn = null;
    }

    void appendToMultiline(String name, String more) {
        Definition d = defs.get(name);
        d.value = d.value + more;
    }

    /** Ends a multi-line definition; an empty one becomes a plain (empty) definition, as in keepalived. */
    void endMultiline(String name) {
        Definition d = defs.get(name);
        if (d.value.isEmpty()) {
            d.multiline = false;
        }
    }

    private String randomValue(String params) {
        long min = 0;
        long max = 32767;
        if (params != null) {
            String[] parts = params.trim().split(" +");
            min = Long.parseLong(parts[0]);
            if (parts.length > 1) {
                max = Long.parseLong(parts[1]);
            }
        }
        long range = max - min + 1;
        long r = random.nextInt(Integer.MAX_VALUE);
        long val = (range == 0 ? r : Long.remainderUnsigned(r, range)) + min;
        int width = Long.toString(max).length();
        String s = Long.toString(val);
        return s.length() > width ? s.substring(0, width) : s;
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNameChar(char c) {
        return isAlpha(c) || isDigit(c) || c == '_';
    }

    /** A reference found in the buffer: the definition and, for {@code ${_RANDOM 1 9}}, where its parameters end. */
    private record Found(Definition def, int paramsEnd) {}

    /** keepalived's find_definition() for a reference starting at {@code pos} (the character after '$'). */
    private Found find(char[] b, int len, int pos) {
        boolean braces = b[pos] == '{';
        int name = braces ? pos + 1 : pos;
        if (name >= len || (!isAlpha(b[name]) && b[name] != '_')) {
            return null;
        }
        int p = name + 1;
        while (p < len && isNameChar(b[p])) {
            p++;
        }
        int nameLen = p - name;
        int paramStart = -1;
        int paramEnd = -1;
        if (braces) {
            while (p < len && (b[p] == ' ' || isDigit(b[p]))) {
                if (b[p] != ' ') {
                    if (paramStart < 0) {
                        paramStart = p;
                    }
                    paramEnd = p;
                }
                p++;
            }
            if (paramStart >= 0 && paramEnd + 1 != p) {
                return null;
            }
            if (p >= len || b[p] != '}') {
                return null;
            }
        } else if (p < len && b[p] != ' ' && b[p] != '\t' && b[p] != ',' && b[p] != ')') {
            return null;
        }
        boolean allowMultiline = braces ? name + nameLen + 1 == len : name + nameLen == len;
        Definition d = defs.get(new String(b, name, nameLen));
        if (d == null || (d.multiline && !allowMultiline)) {
            return null;
        }
        if (paramStart >= 0 && d.maxParams == 0) {
            return null;
        }
        d.params = paramStart >= 0 ? new String(b, paramStart, paramEnd - paramStart + 1) : null;
        return new Found(d, paramEnd);
    }

    /** Substitutes every defined reference in {@code line} (keepalived's replace_param()). */
    Substitution substitute(String line) {
        char[] b = new char[Math.max(MAXBUF, line.length()) + 1];
        line.getChars(0, line.length(), b, 0);
        int len = line.length();
        int cur = 0;
        boolean changed = false;
        List<List<String>> rests = new ArrayList<>();
        int count = 0;
        while (true) {
            while (cur < len && b[cur] != '$') {
                cur++;
            }
            if (cur >= len || cur + 1 >= len) {
                break;
            }
            Found f = find(b, len, cur + 1);
            if (f == null) {
                cur++;
                continue;
            }
            if (++count > MAX_REPLACEMENTS) {
                return new Substitution(new String(b, 0, len), changed, rests,
                        "parameter substitution does not terminate (a parameter refers to itself) on line '" + line + "'");
            }
            changed = true;
            Definition def = f.def();
            int extra = b[cur + 1] == '{' ? 2 : 0;
            if (def.fn != null) {
                def.value = def.fn.get();
            }
            int replacedLen = def.name.length();
            String replacing;
            if (def.multiline) {
                int nl = def.value.indexOf('\n');
                replacing = nl < 0 ? def.value : def.value.substring(0, nl);
                if (nl >= 0) {
                    rests.add(0, List.of(def.value.substring(nl + 1).split("\n", -1)));
                }
            } else {
                if (def.params != null) {
                    replacedLen = f.paramsEnd() - (cur + 1) + (extra != 0 ? 0 : 1);
                }
                replacing = def.value;
            }
            int total = replacedLen + 1 + extra;
            int rl = replacing.length();
            if (len + rl - total >= MAXBUF) {
                return new Substitution(new String(b, 0, len), false, rests,
                        "Parameter substitution on line '" + new String(b, 0, len) + "' would exceed maximum line length");
            }
            if (total < rl) {
                System.arraycopy(b, cur + total, b, cur + rl, len - (cur + total));
                len += rl - total;
            } else if (total > rl) {
                if (def.params != null) {
                    // keepalived moves only the characters up to just after the reference (its copy loop
                    // stops at params_end + 2) and keeps the old line length: reproduce that.
                    int e = f.paramsEnd() + (extra != 0 ? 2 : 1);
                    for (int s = cur + total - rl, d = cur; ; s++, d++) {
                        if (s >= len) {
                            len = d; // the terminating NUL was moved: the line ends here
                            break;
                        }
                        b[d] = b[s];
                        if (s == e) {
                            break;
                        }
                    }
                } else {
                    System.arraycopy(b, cur + total, b, cur + rl, len - (cur + total));
                    len -= total - rl;
                }
            }
            replacing.getChars(0, rl, b, cur);
            if (Decommenter.stripBlanks(def.value).startsWith("~")) {
                break;
            }
        }
        return new Substitution(new String(b, 0, len), changed, rests, null);
    }
}
